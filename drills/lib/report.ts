import type { DrillResult } from './types';

/** One drill's row in the report: its result plus how it ran. */
export interface DrillRecord extends DrillResult {
  id: number;
  name: string;
  durationMs: number;
  /** Set when the drill threw or ran out of time (then `passed` is false). */
  error?: string;
}

export interface SuiteReport {
  at: string;
  machine: string;
  durationScale: number;
  /** Drill ids asked for on the command line; empty = all. */
  selected: number[];
  runtimeSeconds: number;
  passed: boolean;
  drills: DrillRecord[];
}

const int = (n: number) => n.toLocaleString('en-US');
const ms = (n?: number) => (n === undefined ? '-' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);

/** The markdown table the runner prints and the README shows. */
export function renderTable(report: SuiteReport): string {
  const head = [
    `Fault drills (${report.at.slice(0, 16).replace('T', ' ')} UTC, ${report.machine}, duration scale ${report.durationScale}, ${report.runtimeSeconds} s):`,
    '',
    '| drill | requests sent | failed | time to converge | bound | result |',
    '|---|---:|---:|---:|---|---|',
  ];
  const rows = report.drills.map(
    (d) =>
      `| ${d.id}. ${d.name} | ${int(d.sent)} | ${int(d.failed)} | ${ms(d.convergeMs)} | ${d.bound} | ${d.passed ? 'pass' : `**FAIL**${d.error ? ` (${d.error.split('\n')[0].slice(0, 80)})` : ''}`} |`,
  );
  return [...head, ...rows, ''].join('\n');
}
