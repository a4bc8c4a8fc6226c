/**
 * Fault-drill runner (`npm run drills`, see drills/README.md). Discovers drills/drill-<n>-<slug>.ts,
 * runs the selected ones in id order (AYA_DRILLS="1,6"; all when unset), one at a time, each with its
 * own processes, prints a progress line per phase, then the table; writes the JSON under bench/results/.
 * It runs inside vitest (drills/vitest.config.mts) only because vitest already resolves the
 * TypeScript harness (extensionless imports, __dirname); it is one test that fails when a drill does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { it } from 'vitest';
import { useRunTmpDir } from '../test/harness/run-tmp';
import { renderTable, type DrillRecord, type SuiteReport } from './lib/report';
import type { Drill, DrillContext } from './lib/types';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(DIR, '..');
const RESULTS = path.join(REPO, 'bench/results');
/** A drill that takes longer than this (times the scale) is failed and its processes stopped. */
const DRILL_BUDGET_MS = 5 * 60_000;

const started = Date.now();
const loadAtStart = os.loadavg()[0];
const out = (line: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}\n`);

function isDrill(v: unknown): v is Drill {
  const d = v as Drill | undefined;
  return typeof d === 'object' && d !== null && typeof d.id === 'number' && typeof d.name === 'string' && typeof d.run === 'function';
}

async function discover(): Promise<Drill[]> {
  const files = fs.readdirSync(DIR).filter((f) => /^drill-\d+-[a-z0-9-]+\.ts$/.test(f));
  const drills: Drill[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(DIR, f)).href)) as Record<string, unknown>;
    const found = Object.values(mod).filter(isDrill);
    if (found.length !== 1) throw new Error(`${f} must export exactly one Drill (found ${found.length})`);
    drills.push(found[0]);
  }
  return drills.sort((a, b) => a.id - b.id);
}

async function runOne(drill: Drill, durationScale: number): Promise<DrillRecord> {
  const deferred: (() => unknown)[] = [];
  const ctx: DrillContext = {
    log: (msg) => out(`drill ${drill.id}: ${msg}`),
    durationScale,
    defer: (fn) => void deferred.push(fn),
  };
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const budget = DRILL_BUDGET_MS * durationScale;
  try {
    const result = await Promise.race([
      drill.run(ctx),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`did not finish within ${budget / 1000} s`)), budget))),
    ]);
    return { id: drill.id, name: drill.name, ...result, durationMs: Date.now() - t0 };
  } catch (err) {
    out(`drill ${drill.id}: ERROR ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    const error = err instanceof Error ? err.message : String(err);
    return { id: drill.id, name: drill.name, sent: 0, failed: 0, bound: '-', passed: false, details: {}, durationMs: Date.now() - t0, error };
  } finally {
    clearTimeout(timer);
    for (const fn of deferred.reverse()) {
      try {
        await fn();
      } catch (err) {
        out(`drill ${drill.id}: cleanup failed: ${String(err)}`);
      }
    }
  }
}

/**
 * A run of the whole suite writes the committed `bench/results/drills-latest.{json,md}` and a copy in
 * `bench/results/runs/`; a run of some drills only is local: `.tmp/drills/<time>.json`.
 */
function writeResults(report: SuiteReport, table: string, all: boolean): string[] {
  const stamp = report.at.replace(/[:.]/g, '-');
  const json = JSON.stringify(report, null, 2) + '\n';
  if (!all) {
    const file = path.join(REPO, '.tmp/drills', `${stamp}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, json);
    return [path.relative(REPO, file)];
  }
  fs.mkdirSync(path.join(RESULTS, 'runs'), { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'runs', `drills-${stamp}.json`), json);
  fs.writeFileSync(path.join(RESULTS, 'drills-latest.json'), json);
  fs.writeFileSync(path.join(RESULTS, 'drills-latest.md'), table);
  return [`bench/results/runs/drills-${stamp}.json`, 'bench/results/drills-latest.json', 'bench/results/drills-latest.md'];
}

it('fault drills', async () => {
  const selected = (process.env.AYA_DRILLS ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
  const durationScale = Number(process.env.AYA_DRILL_SCALE ?? '1') || 1;
  const available = await discover();
  const unknown = selected.filter((id) => !available.some((d) => d.id === id));
  if (unknown.length) throw new Error(`no drill ${unknown.join(', ')} (have ${available.map((d) => d.id).join(', ')})`);
  const drills = selected.length ? available.filter((d) => selected.includes(d.id)) : available;
  out(`running drill(s) ${drills.map((d) => d.id).join(', ')} (duration scale ${durationScale}, load average ${loadAtStart.toFixed(2)})`);

  const records: DrillRecord[] = [];
  // gateway data dirs, certificates, Postgres: under one folder of this run, removed after it
  const removeRunTmp = useRunTmpDir('aya-drills-run-');
  try {
    for (const drill of drills) {
      out(`drill ${drill.id}: ${drill.name}`);
      const r = await runOne(drill, durationScale);
      out(`drill ${drill.id}: ${r.passed ? 'pass' : 'FAIL'}: ${r.sent} sent, ${r.failed} failed, converge ${r.convergeMs ?? '-'} ms (${r.bound}) in ${(r.durationMs / 1000).toFixed(1)} s`);
      records.push(r);
    }
  } finally {
    removeRunTmp();
  }

  const report: SuiteReport = {
    at: new Date().toISOString(),
    machine: `${os.cpus().length} cores, load average at start ${loadAtStart.toFixed(2)}`,
    durationScale,
    selected,
    runtimeSeconds: Math.round((Date.now() - started) / 1000),
    passed: records.every((r) => r.passed),
    drills: records,
  };
  const table = renderTable(report);
  const written = writeResults(report, table, drills.length > 0 && drills.length === available.length);
  process.stdout.write(`\n${table}\nwritten: ${written.join(', ')}\n`);
  const missed = records.filter((r) => !r.passed).map((r) => `${r.id}. ${r.name}`);
  if (missed.length) throw new Error(`missed the target: ${missed.join('; ')}`);
});
