/**
 * Longest-prefix path matching on segment boundaries: `/api` matches `/api`, `/api/` and
 * `/api/x` but not `/apix`. A lookup probes a Map once per candidate boundary of the request
 * path (longest first), so its cost depends on the path depth, not on the number of routes.
 */
interface Entry<V> {
  /** null: every method */
  methods: ReadonlySet<string> | null;
  value: V;
  order: number;
}

export class PathTable<V> {
  private readonly prefixes = new Map<string, Entry<V>[]>();
  private count = 0;
  /** lengths[n]: some prefix has n chars; skips the slice + Map probe for all other lengths */
  private lengths: boolean[] = [];

  add(prefix: string, methods: readonly string[], value: V): void {
    const entry: Entry<V> = { methods: methods.length ? new Set(methods) : null, value, order: this.count++ };
    const list = this.prefixes.get(prefix);
    if (list) {
      list.push(entry);
      // Method-specific routes shadow catch-all ones on the same prefix; otherwise first added wins.
      list.sort((a, b) => Number(a.methods === null) - Number(b.methods === null) || a.order - b.order);
    } else {
      this.prefixes.set(prefix, [entry]);
    }
    this.lengths[prefix.length] = true;
  }

  get size(): number {
    return this.count;
  }

  find(method: string, path: string): V | undefined {
    if (this.lengths[path.length] === true) {
      const hit = this.probe(path, method);
      if (hit !== undefined) return hit;
    }
    for (let i = path.lastIndexOf('/'); i >= 0; i = i === 0 ? -1 : path.lastIndexOf('/', i - 1)) {
      if (i + 1 < path.length && this.lengths[i + 1] === true) {
        const withSlash = this.probe(path.slice(0, i + 1), method);
        if (withSlash !== undefined) return withSlash;
      }
      if (i > 0 && this.lengths[i] === true) {
        const bare = this.probe(path.slice(0, i), method);
        if (bare !== undefined) return bare;
      }
    }
    return undefined;
  }

  private probe(prefix: string, method: string): V | undefined {
    const list = this.prefixes.get(prefix);
    if (!list) return undefined;
    for (let k = 0; k < list.length; k++) {
      const e = list[k];
      if (e.methods === null || e.methods.has(method)) return e.value;
    }
    return undefined;
  }
}
