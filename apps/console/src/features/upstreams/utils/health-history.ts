/**
 * The health endpoint answers with the state now; the chart needs the recent past. The console
 * keeps it itself, one sample per poll, as long as the page is open.
 */

export interface HealthSample {
  at: number;
  state: string;
  /** mean over the nodes that measured one; null before any response */
  latencyMs: number | null;
}

export type HealthHistory = Readonly<Record<string, ReadonlyArray<HealthSample>>>;

export interface HealthReading {
  target: string;
  state: string;
  nodes: ReadonlyArray<{ latencyMs: number | null }>;
}

export const HISTORY_SAMPLES = 60;

export function meanLatency(nodes: ReadonlyArray<{ latencyMs: number | null }>): number | null {
  const known = nodes.map((n) => n.latencyMs).filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/** Adds one poll's readings; targets no longer reported are dropped, each series keeps the last `max` samples. */
export function appendHealth(history: HealthHistory, readings: ReadonlyArray<HealthReading>, at: number, max = HISTORY_SAMPLES): HealthHistory {
  const next: Record<string, ReadonlyArray<HealthSample>> = {};
  for (const r of readings) {
    const prev = history[r.target] ?? [];
    if (prev.at(-1)?.at === at) {
      next[r.target] = prev;
      continue;
    }
    next[r.target] = [...prev, { at, state: r.state, latencyMs: meanLatency(r.nodes) }].slice(-max);
  }
  return next;
}

export interface SparkGeometry {
  /** polyline points of the latency line (samples without latency break nothing: they are skipped) */
  points: string;
  max: number;
}

/** Latency series -> SVG polyline points in a width x height box, y = 0 at the top. */
export function sparkline(samples: ReadonlyArray<HealthSample>, width: number, height: number, slots = HISTORY_SAMPLES): SparkGeometry {
  const values = samples.map((s) => s.latencyMs);
  const max = Math.max(1, ...values.filter((v): v is number => v !== null));
  const step = width / Math.max(1, slots - 1);
  const offset = slots - samples.length;
  const points = samples
    .map((s, i) => (s.latencyMs === null ? null : `${((offset + i) * step).toFixed(1)},${(height - (s.latencyMs / max) * (height - 2) - 1).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(' ');
  return { points, max };
}
