import { fnv1a } from './hash';
import { type Balancer, type BalancerTarget, type PickContext, eligible, usable } from './types';

/**
 * The same client IP always lands on the same target while the target set is unchanged
 * (weighted). Cheaper than a ring, but a target change remaps many clients: use
 * `consistent-hash` when stickiness across changes matters.
 */
export class IpHashBalancer<T extends BalancerTarget> implements Balancer<T> {
  private readonly targets: T[];
  /** cumulative weights, for a binary search of the hash slot */
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(all: readonly T[]) {
    this.targets = usable(all);
    let sum = 0;
    this.cumulative = this.targets.map((t) => (sum += t.weight));
    this.total = sum;
  }

  get size(): number {
    return this.targets.length;
  }

  pick(ctx: PickContext, exclude?: ReadonlySet<T>): T | undefined {
    const n = this.targets.length;
    if (n === 0) return undefined;
    // Rehash with another seed when the slot is unusable (retry, down), then fall back to a scan.
    for (let attempt = 0; attempt < 8; attempt++) {
      const t = this.slot(fnv1a(ctx.clientIp, 0x811c9dc5 + attempt * 0x9e3779b1));
      if (eligible(t, exclude)) return t;
    }
    return this.targets.find((t) => eligible(t, exclude));
  }

  private slot(hash: number): T {
    const point = hash % this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > point) hi = mid;
      else lo = mid + 1;
    }
    return this.targets[lo];
  }
}
