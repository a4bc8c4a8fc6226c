import type { Owner } from './owner';

interface Bucket<V> {
  readonly owner: Owner;
  readonly map: Map<string, V>;
}

interface Row<V> {
  readonly owner: Owner;
  readonly buckets: (Bucket<V> | undefined)[];
}

const BUCKETS = 64;

/** A few characters of `s.slice(0, n)` (both ends and the middle), mixed: which bucket holds it. */
function bucketOf(s: string, n: number): number {
  if (n < 3) return n;
  return (s.charCodeAt(1) * 7 + s.charCodeAt(2) * 13 + s.charCodeAt(n >> 1) * 31 + s.charCodeAt(n - 2) * 3 + s.charCodeAt(n - 1)) & (BUCKETS - 1);
}

/**
 * A string-keyed map split into small Maps by key length and a few of its characters. A router
 * derived from an older one (see owner.ts) copies only the buckets a change touches instead of a
 * Map of every path or host; a lookup costs two array reads more than one Map, and a probe for
 * a length no key has costs no string slice at all.
 */
export class ShardedMap<V> {
  private readonly rows: (Row<V> | undefined)[];
  size: number;

  constructor(
    readonly owner: Owner = {},
    from?: ShardedMap<V>,
  ) {
    this.rows = from ? from.rows.slice() : [];
    this.size = from?.size ?? 0;
  }

  own(owner: Owner): ShardedMap<V> {
    return this.owner === owner ? this : new ShardedMap(owner, this);
  }

  get(key: string): V | undefined {
    return this.probe(key, key.length);
  }

  /** `get(path.slice(0, n))`, slicing only when some key has that length and bucket */
  probe(path: string, n: number): V | undefined {
    const row = this.rows[n];
    if (row === undefined) return undefined;
    const bucket = row.buckets[bucketOf(path, n)];
    return bucket === undefined ? undefined : bucket.map.get(n === path.length ? path : path.slice(0, n));
  }

  set(key: string, value: V): void {
    const map = this.ownBucket(key, true) as Map<string, V>;
    const before = map.size;
    map.set(key, value);
    this.size += map.size - before;
  }

  delete(key: string): void {
    const map = this.ownBucket(key, false);
    if (map === undefined || !map.delete(key)) return;
    this.size--;
    if (map.size === 0) (this.rows[key.length] as Row<V>).buckets[bucketOf(key, key.length)] = undefined;
  }

  /** the bucket Map of `key`, owned by this map: copied (with its row) first when shared */
  private ownBucket(key: string, create: boolean): Map<string, V> | undefined {
    const n = key.length;
    const b = bucketOf(key, n);
    let row = this.rows[n];
    const bucket = row?.buckets[b];
    if (bucket === undefined && !create) return undefined;
    if (row === undefined) this.rows[n] = row = { owner: this.owner, buckets: new Array<Bucket<V> | undefined>(BUCKETS) };
    else if (row.owner !== this.owner) this.rows[n] = row = { owner: this.owner, buckets: row.buckets.slice() };
    if (bucket !== undefined && bucket.owner === this.owner) return bucket.map;
    const owned: Bucket<V> = { owner: this.owner, map: new Map(bucket?.map ?? []) };
    row.buckets[b] = owned;
    return owned.map;
  }
}
