import { type Balancer, type BalancerTarget, type PickContext, eligible, usable } from './types';

/**
 * Smooth weighted round-robin (nginx): weights 5,1,1 give a a b a c a a, never bursts. Skipped
 * targets (retried, unhealthy) neither gain nor pay credit, so the rest keep their proportions.
 */
export class WeightedRoundRobinBalancer<T extends BalancerTarget> implements Balancer<T> {
  private readonly targets: T[];
  private readonly current: number[];

  constructor(all: readonly T[]) {
    this.targets = usable(all);
    this.current = this.targets.map(() => 0);
  }

  get size(): number {
    return this.targets.length;
  }

  pick(_ctx: PickContext, exclude?: ReadonlySet<T>): T | undefined {
    const targets = this.targets;
    const current = this.current;
    let best = -1;
    let total = 0;
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i];
      if (!eligible(t, exclude)) continue;
      total += t.weight;
      current[i] += t.weight;
      if (best < 0 || current[i] > current[best]) best = i;
    }
    if (best < 0) return undefined;
    current[best] -= total;
    return targets[best];
  }
}
