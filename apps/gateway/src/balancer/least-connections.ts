import { type Balancer, type BalancerTarget, usable } from './types';

/**
 * Fewest active requests relative to weight. Ties rotate so an idle pool spreads evenly
 * instead of always hitting the first target.
 */
export class LeastConnectionsBalancer<T extends BalancerTarget> implements Balancer<T> {
  private readonly targets: T[];
  private start = 0;

  constructor(all: readonly T[]) {
    this.targets = usable(all);
  }

  get size(): number {
    return this.targets.length;
  }

  pick(_clientIp: string, exclude?: ReadonlySet<T>): T | undefined {
    const targets = this.targets;
    const n = targets.length;
    if (n === 0) return undefined;
    const start = this.start;
    this.start = (start + 1) % n;
    let best: T | undefined;
    let bestScore = Infinity;
    for (let k = 0; k < n; k++) {
      const t = targets[(start + k) % n];
      if (exclude?.has(t)) continue;
      const score = t.stats.active / t.weight;
      if (score < bestScore) {
        best = t;
        bestScore = score;
      }
    }
    return best;
  }
}
