import type { HeaderBag, MatchInput, RouteHit, RouterEntry } from './candidate';
import type { RouteTable } from './route-table';
import { buildState, type RouterState, updateState } from './router-state';
import type { ShardedMap } from './sharded-map';

export type { HeaderBag, MatchValue, Params, RouteHit, RouterEntry } from './candidate';

/**
 * Host first (exact > most specific wildcard > any host), then within that host bucket the
 * highest priority, then the path (exact > longest prefix or `:param` path > regex in declared
 * order), then method / header / query predicates. A bucket without a match falls through to the
 * next, less specific one, like Kong where a host is only one of a route's predicates.
 */
export class Router<R> {
  private readonly exact: ShardedMap<RouteTable<R>>;
  private readonly wildcard: ShardedMap<RouteTable<R>>;
  private readonly anyHost: RouteTable<R>;
  /** one reusable input object: lookups are synchronous, so it is never shared across requests */
  private readonly input: MatchInput = { method: 'GET', headers: undefined, query: '' };
  /** paths skipped at compile time, with the reason */
  readonly invalid: readonly string[];
  private readonly state: RouterState<R>;

  /**
   * Matches exactly like a router built from `entries` alone. With `previous`, entry objects
   * found in it (same identity) keep their compiled candidates and every table no added or
   * removed entry touches is shared, so a small change costs little; `previous` itself never
   * changes. Entry objects must not be mutated once given to a router.
   */
  constructor(entries: readonly RouterEntry<R>[], previous?: Router<R>) {
    const s = (previous && updateState(previous.state, entries)) ?? buildState(entries);
    this.state = s;
    this.exact = s.exact;
    this.wildcard = s.wildcard;
    this.anyHost = s.anyHost;
    this.invalid = s.invalid;
  }

  /** `query`: the raw query string with its `?` (read only by routes with query predicates) */
  find(method: string, hostHeader: string | undefined, path: string, headers?: HeaderBag, query = ''): RouteHit<R> | undefined {
    const input = this.input;
    input.method = method;
    input.headers = headers;
    input.query = query;
    const host = hostHeader ? normalizeHost(hostHeader) : '';
    if (host) {
      const exact = this.exact.get(host);
      if (exact) {
        const hit = exact.find(path, input);
        if (hit !== undefined) return this.done(hit);
      }
      if (this.wildcard.size) {
        for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
          const table = this.wildcard.get(host.slice(i + 1));
          if (!table) continue;
          const hit = table.find(path, input);
          if (hit !== undefined) return this.done(hit);
        }
      }
    }
    return this.done(this.anyHost.find(path, input));
  }

  /** drops the request's headers so the router never keeps a finished request alive */
  private done(hit: RouteHit<R> | undefined): RouteHit<R> | undefined {
    this.input.headers = undefined;
    return hit;
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
