import { worseState, type TargetHealthReport } from '@aya/config-schema';

/**
 * One node's view of its targets from its workers' views (cluster mode): per upstream target the
 * worst state, the most consecutive failures, the requests in flight summed, the mean latency of
 * the workers that measured one, and the latest state change.
 */
export function mergeHealth(views: ReadonlyArray<readonly TargetHealthReport[]>): TargetHealthReport[] {
  const merged = new Map<string, TargetHealthReport & { latencies: number[] }>();
  for (const view of views) {
    for (const h of view) {
      const key = `${h.upstreamId}\n${h.target}`;
      const m = merged.get(key);
      if (!m) {
        merged.set(key, { ...h, latencies: h.latencyMs === null ? [] : [h.latencyMs] });
        continue;
      }
      m.state = worseState(m.state, h.state);
      m.consecutiveFailures = Math.max(m.consecutiveFailures, h.consecutiveFailures);
      m.active += h.active;
      if (h.latencyMs !== null) m.latencies.push(h.latencyMs);
      if (h.since > m.since) m.since = h.since;
    }
  }
  return [...merged.values()].map(({ latencies, ...h }) => ({
    ...h,
    latencyMs: latencies.length ? Math.round((latencies.reduce((a, b) => a + b, 0) / latencies.length) * 10) / 10 : null,
  }));
}
