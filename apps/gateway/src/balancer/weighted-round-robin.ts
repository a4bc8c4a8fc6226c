import { type Balancer, type BalancerTarget, usable } from './types';

/** Smooth weighted round-robin (nginx): weights 5,1,1 give a a b a c a a, never bursts. */
export class WeightedRoundRobinBalancer<T extends BalancerTarget> implements Balancer<T> {
  private readonly targets: T[];
  private readonly current: number[];
  private readonly total: number;

  constructor(all: readonly T[]) {
    this.targets = usable(all);
    this.current = this.targets.map(() => 0);
    this.total = this.targets.reduce((s, t) => s + t.weight, 0);
  }

  get size(): number {
    return this.targets.length;
  }

  pick(_clientIp: string, exclude?: ReadonlySet<T>): T | undefined {
    const targets = this.targets;
    let best = -1;
    let total = this.total;
    for (let i = 0; i < targets.length; i++) {
      if (exclude?.has(targets[i])) {
        total -= targets[i].weight;
        continue;
      }
      this.current[i] += targets[i].weight;
      if (best < 0 || this.current[i] > this.current[best]) best = i;
    }
    if (best < 0) return undefined;
    this.current[best] -= total;
    return targets[best];
  }
}
