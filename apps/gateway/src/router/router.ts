import { PathTable } from './path-table';

export interface RouterEntry<V> {
  hosts: readonly string[];
  paths: readonly string[];
  methods: readonly string[];
  /** value stored for one (route, path) pair, so a match needs no allocation */
  valueFor(path: string): V;
}

/**
 * Host first (exact > most specific wildcard > any host), then the longest path prefix,
 * then the method. A bucket that has no matching path falls through to the next, less
 * specific one, like Kong where a host is only one of a route's predicates.
 */
export class Router<V> {
  private readonly exact = new Map<string, PathTable<V>>();
  private readonly wildcard = new Map<string, PathTable<V>>();
  private readonly anyHost = new PathTable<V>();

  constructor(entries: readonly RouterEntry<V>[]) {
    for (const e of entries) {
      const tables = e.hosts.length ? e.hosts.map((h) => this.tableFor(h.toLowerCase())) : [this.anyHost];
      for (const table of tables) for (const p of e.paths) table.add(p, e.methods, e.valueFor(p));
    }
  }

  find(method: string, hostHeader: string | undefined, path: string): V | undefined {
    const host = hostHeader ? normalizeHost(hostHeader) : '';
    if (host) {
      const exact = this.exact.get(host);
      if (exact) {
        const hit = exact.find(method, path);
        if (hit !== undefined) return hit;
      }
      if (this.wildcard.size) {
        for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
          const table = this.wildcard.get(host.slice(i + 1));
          if (!table) continue;
          const hit = table.find(method, path);
          if (hit !== undefined) return hit;
        }
      }
    }
    return this.anyHost.find(method, path);
  }

  private tableFor(host: string): PathTable<V> {
    const isWildcard = host.startsWith('*.');
    const map = isWildcard ? this.wildcard : this.exact;
    const key = isWildcard ? host.slice(2) : host;
    let table = map.get(key);
    if (!table) map.set(key, (table = new PathTable<V>()));
    return table;
  }
}

/** `Example.COM:8000` -> `example.com`; `[::1]:80` -> `[::1]`; trailing dot dropped. */
export function normalizeHost(header: string): string {
  let host = header;
  if (host.charCodeAt(0) === 91 /* [ */) {
    const end = host.indexOf(']');
    host = end > 0 ? host.slice(0, end + 1) : host;
  } else {
    const colon = host.indexOf(':');
    if (colon >= 0) host = host.slice(0, colon);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host.toLowerCase();
}
