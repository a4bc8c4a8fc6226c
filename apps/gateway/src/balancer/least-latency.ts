import { type Balancer, type BalancerTarget, type PickContext, eligible, usable } from './types';

/**
 * Power of two choices over the EWMA of time-to-headers (weighted by requests in flight so a
 * fast target is not buried under a burst). Two random candidates instead of the global best:
 * many gateways acting on slightly stale numbers would otherwise all stampede the same target.
 * A target without a sample yet scores 0, so new targets get measured quickly.
 */
export class LeastLatencyBalancer<T extends BalancerTarget> implements Balancer<T> {
  private readonly targets: T[];

  constructor(
    all: readonly T[],
    private readonly random: () => number = Math.random,
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
    if (okA && okB) return score(a) <= score(b) ? a : b;
    if (okA) return a;
    if (okB) return b;
    // both candidates unusable: fall back to the best of the rest
    let best: T | undefined;
    for (const t of targets) if (eligible(t, exclude) && (!best || score(t) < score(best))) best = t;
    return best;
  }
}

function score(t: BalancerTarget): number {
  return t.stats.ewmaMs * (t.stats.active + 1);
}
