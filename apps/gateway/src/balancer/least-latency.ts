import { type Balancer, type BalancerTarget, type PickContext, type TargetStats, eligible, usable } from './types';

/**
 * A latency no request has refreshed for this long counts half (peak-EWMA style decay, as in
 * Finagle): a target that was slow once and then never picked again gets probed after a while
 * instead of staying "slow" forever.
 */
export const LATENCY_HALF_LIFE_MS = 5_000;

/** When each stats object's EWMA last moved: kept here, so the proxy's hot path stays as it is. */
const seen = new WeakMap<TargetStats, { ewmaMs: number; at: number }>();

/** The EWMA, decayed by how long it has not changed. */
export function decayedLatency(stats: TargetStats, now: number): number {
  const last = seen.get(stats);
  if (!last || last.ewmaMs !== stats.ewmaMs) {
    seen.set(stats, { ewmaMs: stats.ewmaMs, at: now });
    return stats.ewmaMs;
  }
  return stats.ewmaMs * 0.5 ** ((now - last.at) / LATENCY_HALF_LIFE_MS);
}

/**
 * Power of two choices over the EWMA of time-to-headers (weighted by requests in flight so a
 * fast target is not buried under a burst). Two random candidates instead of the global best:
 * many gateways acting on slightly stale numbers would otherwise all stampede the same target.
 * A target without a sample yet scores 0, so new targets get measured quickly; an old sample
 * decays (see LATENCY_HALF_LIFE_MS).
 */
export class LeastLatencyBalancer<T extends BalancerTarget> implements Balancer<T> {
  private readonly targets: T[];

  constructor(
    all: readonly T[],
    private readonly random: () => number = Math.random,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.targets = usable(all);
  }

  get size(): number {
    return this.targets.length;
  }

  pick(_ctx: PickContext, exclude?: ReadonlySet<T>): T | undefined {
    const targets = this.targets;
    const n = targets.length;
    if (n === 0) return undefined;
    const i = Math.floor(this.random() * n);
    let j = n > 1 ? Math.floor(this.random() * (n - 1)) : 0;
    if (j >= i) j++;
    const a = targets[i];
    const b = n > 1 ? targets[j] : undefined;
    const okA = eligible(a, exclude);
    const okB = b !== undefined && eligible(b, exclude);
    if (okA && okB) {
      const now = this.now();
      return score(a, now) <= score(b, now) ? a : b;
    }
    if (okA) return a;
    if (okB) return b;
    // both candidates unusable: fall back to the best of the rest
    const now = this.now();
    let best: T | undefined;
    for (const t of targets) if (eligible(t, exclude) && (!best || score(t, now) < score(best, now))) best = t;
    return best;
  }
}

function score(t: BalancerTarget, now: number): number {
  return decayedLatency(t.stats, now) * (t.stats.active + 1);
}
