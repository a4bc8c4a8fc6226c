import { type Balancer, type BalancerTarget, usable } from './types';

/** FNV-1a, 32 bit: cheap and well spread for short keys such as IP addresses. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The same client IP always lands on the same target while the target set is unchanged (weighted). */
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

  pick(clientIp: string, exclude?: ReadonlySet<T>): T | undefined {
    const n = this.targets.length;
    if (n === 0) return undefined;
    // Rehash with another seed when the slot is excluded (retry), then fall back to a scan.
    for (let attempt = 0; attempt < 8; attempt++) {
      const t = this.slot(fnv1a(clientIp, 0x811c9dc5 + attempt * 0x9e3779b1));
      if (!exclude || !exclude.has(t)) return t;
    }
    return this.targets.find((t) => !exclude?.has(t));
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
