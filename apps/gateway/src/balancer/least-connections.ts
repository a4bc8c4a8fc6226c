import { type Balancer, type BalancerTarget, type PickContext, eligible, usable } from './types';

/**
 * Fewest requests in flight; with `weighted`, relative to weight ((active + 1) / weight, so an
 * idle heavy target still beats an idle light one). Ties rotate so an idle pool spreads evenly
 * instead of always hitting the first target.
 */
export class LeastConnectionsBalancer<T extends BalancerTarget> implements Balancer<T> {
  private readonly targets: T[];
  private start = 0;

  constructor(
    all: readonly T[],
    private readonly weighted: boolean,
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
    const start = this.start;
    this.start = (start + 1) % n;
    let best: T | undefined;
    let bestScore = Infinity;
    for (let k = 0; k < n; k++) {
      const t = targets[(start + k) % n];
      if (!eligible(t, exclude)) continue;
      const score = this.weighted ? (t.stats.active + 1) / t.weight : t.stats.active;
      if (score < bestScore) {
        best = t;
        bestScore = score;
      }
    }
    return best;
  }
}
