import { hash32 } from './hash';
import type { HashKeyOf } from './hash-key';
import { type Balancer, type BalancerTarget, type PickContext, eligible, usable } from './types';

/** Virtual nodes of a target of weight 100 (the default); proportional to weight. */
export const POINTS_PER_100 = 160;
/** Ring size cap (1,000 targets of weight 100 fit): bigger rings thin every target's points alike. */
const MAX_POINTS = 160_000;

/**
 * Hash ring (ketama style). A target's points depend only on its own `host:port` and weight, so
 * adding or removing one of N targets moves only the keys of the arc it gains or loses, ~1/N.
 * A key whose owner is unusable (down, retried) walks clockwise to the next usable owner, so
 * the other keys stay put and the key comes back when its owner does.
 */
export class ConsistentHashBalancer<T extends BalancerTarget> implements Balancer<T> {
  private readonly targets: T[];
  private readonly points: Uint32Array;
  /** index into targets, per point */
  private readonly owners: Uint32Array;

  constructor(
    all: readonly T[],
    private readonly keyOf: HashKeyOf,
  ) {
    this.targets = usable(all);
    const wanted = this.targets.map((t) => Math.max(1, Math.round((t.weight * POINTS_PER_100) / 100)));
    const sum = wanted.reduce((s, w) => s + w, 0);
    const scale = sum > MAX_POINTS ? MAX_POINTS / sum : 1;
    const ring: Array<[number, number]> = [];
    this.targets.forEach((t, i) => {
      const count = Math.max(1, Math.floor(wanted[i] * scale));
      for (let v = 0; v < count; v++) ring.push([hash32(`${t.key}#${v}`), i]);
    });
    // ties broken by key so every gateway builds the same ring whatever the target order
    ring.sort((a, b) => a[0] - b[0] || (this.targets[a[1]].key < this.targets[b[1]].key ? -1 : 1));
    this.points = Uint32Array.from(ring, (p) => p[0]);
    this.owners = Uint32Array.from(ring, (p) => p[1]);
  }

  get size(): number {
    return this.targets.length;
  }

  pick(ctx: PickContext, exclude?: ReadonlySet<T>): T | undefined {
    const n = this.points.length;
    if (n === 0) return undefined;
    let i = this.firstAtOrAfter(hash32(this.keyOf(ctx)));
    // At most one lap: every target owns a point, so a lap has seen them all.
    for (let k = 0; k < n; k++, i++) {
      if (i === n) i = 0;
      const t = this.targets[this.owners[i]];
      if (eligible(t, exclude)) return t;
    }
    return undefined;
  }

  private firstAtOrAfter(h: number): number {
    const points = this.points;
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (points[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    return lo === points.length ? 0 : lo;
  }
}
