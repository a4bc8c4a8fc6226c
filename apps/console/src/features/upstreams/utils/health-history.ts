/**
 * The chart of a target's recent health. The control plane keeps the samples (one per interval of
 * `sampleMs`, from gateway heartbeats), so the chart has its past after a reload; the console only places them.
 */

export interface HealthSample {
  at: number;
  state: string;
  /** mean over the nodes that measured one; null before any response */
  latencyMs: number | null;
}

/** A sample on the chart: `slot` 0 is the oldest interval shown, HISTORY_SAMPLES - 1 the newest. */
export interface PlacedSample extends HealthSample {
  slot: number;
}

/** What the API answers per sample (`at` is ISO). */
export interface ApiSample {
  at: string;
  state: string;
  latencyMs: number | null;
}

/** Intervals the chart shows: as many as the control plane keeps. */
export const HISTORY_SAMPLES = 60;

/**
 * Places one target's samples (oldest first) on the chart: the newest in the last slot, the others by how many
 * intervals before it they are, so an interval no gateway reported in stays an empty slot.
 */
export function placeSamples(samples: ReadonlyArray<ApiSample>, sampleMs: number, slots = HISTORY_SAMPLES): PlacedSample[] {
  const newest = samples.at(-1);
  if (!newest) return [];
  const end = Date.parse(newest.at);
  return samples
    .map((s) => ({ at: Date.parse(s.at), state: s.state, latencyMs: s.latencyMs }))
    .map((s) => ({ ...s, slot: slots - 1 - Math.round((end - s.at) / Math.max(1, sampleMs)) }))
    .filter((s) => s.slot >= 0);
}

export interface SparkGeometry {
  /** polyline points of the latency line (samples without latency break nothing: they are skipped) */
  points: string;
  max: number;
}

/** Latency series -> SVG polyline points in a width x height box, y = 0 at the top. */
export function sparkline(samples: ReadonlyArray<PlacedSample>, width: number, height: number, slots = HISTORY_SAMPLES): SparkGeometry {
  const values = samples.map((s) => s.latencyMs);
  const max = Math.max(1, ...values.filter((v): v is number => v !== null));
  const step = width / Math.max(1, slots - 1);
  const points = samples
    .map((s) => (s.latencyMs === null ? null : `${(s.slot * step).toFixed(1)},${(height - (s.latencyMs / max) * (height - 2) - 1).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(' ');
  return { points, max };
}
