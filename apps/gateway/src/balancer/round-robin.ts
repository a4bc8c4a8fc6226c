import { type Balancer, type BalancerTarget, type PickContext, eligible, gcd, usable } from './types';

/**
 * Interleaved weighted round-robin (LVS style): with equal weights it is plain rotation, with
 * weights each target gets its share per cycle. O(1) memory whatever the weights.
 */
export class RoundRobinBalancer<T extends BalancerTarget> implements Balancer<T> {
  private readonly targets: T[];
  private readonly step: number;
  private readonly maxWeight: number;
  private index = -1;
  private current = 0;

  constructor(all: readonly T[]) {
    this.targets = usable(all);
    this.step = this.targets.reduce((g, t) => gcd(g, t.weight), 0);
    this.maxWeight = this.targets.reduce((m, t) => Math.max(m, t.weight), 0);
  }

  get size(): number {
    return this.targets.length;
  }

  pick(_ctx: PickContext, exclude?: ReadonlySet<T>): T | undefined {
    const n = this.targets.length;
    if (n === 0) return undefined;
    if (n === 1) {
      const only = this.targets[0];
      return eligible(only, exclude) ? only : undefined;
    }
    const first = this.next();
    if (eligible(first, exclude)) return first;
    // Rare path (retry or a target down): make sure one is left before walking the cycle.
    if (!this.targets.some((t) => eligible(t, exclude))) return undefined;
    // Each full cycle visits every target at least once, so this bound always finds a free one.
    const cycle = n * (this.maxWeight / this.step);
    for (let guard = 0; guard <= cycle; guard++) {
      const t = this.next();
      if (eligible(t, exclude)) return t;
    }
    return undefined;
  }

  private next(): T {
    for (;;) {
      this.index = (this.index + 1) % this.targets.length;
      if (this.index === 0) {
        this.current -= this.step;
        if (this.current <= 0) this.current = this.maxWeight;
      }
      const t = this.targets[this.index];
      if (t.weight >= this.current) return t;
    }
  }
}
