import { TARGET_STATES, worseState, type TargetHealthReport, type TargetHealthSample, type TargetState } from '@aya/config-schema';
import { isUuid } from '../common/id-or-name';

/** How many sample intervals of history are kept per target (the console's chart has as many slots). */
export const HEALTH_HISTORY_SAMPLES = 60;

/** The start of the sample interval `now` falls in. */
export const sampleStart = (now: number, sampleMs: number): Date => new Date(Math.floor(now / sampleMs) * sampleMs);

/** One row to upsert: a target's state from one node's heartbeat. */
export interface SampleRow {
  upstreamId: string;
  target: string;
  state: TargetState;
  latencyMs: number | null;
}

/**
 * A heartbeat's reports as rows: one per (upstream, target), the worst if a node sends one twice (an upsert may
 * touch a row once), and only upstream ids that are uuids (ours; anything else could not be stored).
 */
export function sampleRows(reports: readonly TargetHealthReport[]): SampleRow[] {
  const rows = new Map<string, SampleRow>();
  for (const r of reports) {
    if (!isUuid(r.upstreamId)) continue;
    const upstreamId = r.upstreamId.toLowerCase();
    const key = `${upstreamId} ${r.target}`;
    const prev = rows.get(key);
    rows.set(key, { upstreamId, target: r.target, state: prev ? worseState(prev.state, r.state) : r.state, latencyMs: r.latencyMs });
  }
  return [...rows.values()];
}

export interface StoredSample {
  upstreamId: string;
  target: string;
  at: Date;
  state: string;
  latencyMs: number | null;
}

const isState = (s: string): s is TargetState => (TARGET_STATES as readonly string[]).includes(s);

/**
 * The stored per-node samples of one upstream as its history: per target (first seen first) and interval (oldest
 * first), the worst state any node reported and the mean latency of those that measured one.
 */
export function historyOf(samples: readonly StoredSample[]): Array<{ target: string; samples: TargetHealthSample[] }> {
  const byTarget = new Map<string, Map<number, { state: TargetState; latencies: number[] }>>();
  for (const s of [...samples].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (!isState(s.state)) continue;
    const series = byTarget.get(s.target) ?? new Map<number, { state: TargetState; latencies: number[] }>();
    byTarget.set(s.target, series);
    const point = series.get(s.at.getTime());
    const latencies = [...(point?.latencies ?? []), ...(s.latencyMs === null ? [] : [s.latencyMs])];
    series.set(s.at.getTime(), { state: point ? worseState(point.state, s.state) : s.state, latencies });
  }
  return [...byTarget].map(([target, series]) => ({
    target,
    samples: [...series].map(([at, p]) => ({
      at: new Date(at).toISOString(),
      state: p.state,
      latencyMs: p.latencies.length === 0 ? null : p.latencies.reduce((a, b) => a + b, 0) / p.latencies.length,
    })),
  }));
}
