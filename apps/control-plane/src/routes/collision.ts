/**
 * What two routes are compared on. Empty methods / hosts mean "every method" / "every host"; absent priority
 * is 0; absent predicates match every request.
 */
export interface RouteMatchKey {
  id?: string;
  name?: string;
  paths: readonly string[];
  methods: readonly string[];
  hosts: readonly string[];
  priority?: number;
  headers?: Readonly<Record<string, readonly string[] | true>>;
  query?: Readonly<Record<string, readonly string[] | true>>;
}

function overlaps(a: readonly string[], b: readonly string[], normalize: (v: string) => string): boolean {
  const set = new Set(a.map(normalize));
  return b.some((v) => set.has(normalize(v)));
}

/** Predicates as one comparable string: names (header names case-insensitively) and values in a stable order. */
function predicateKey(p: RouteMatchKey['headers'], caseInsensitive: boolean): string {
  const entries = Object.entries(p ?? {}).map(([k, v]) => [caseInsensitive ? k.toLowerCase() : k, v === true ? true : [...v].sort()] as const);
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Two routes collide when a request could match both with nothing to prefer one: a shared path, overlapping
 * methods (empty = all) and overlapping hosts (both empty, or a common host; a host-specific route is
 * preferred over a host-less one, so those do not collide), the same priority and the same header / query
 * predicates (different predicates, or a higher priority, let the gateway tell them apart).
 */
export function routesCollide(a: RouteMatchKey, b: RouteMatchKey): boolean {
  if (!overlaps(a.paths, b.paths, (p) => p)) return false;
  const methodsOverlap =
    a.methods.length === 0 || b.methods.length === 0 || overlaps(a.methods, b.methods, (m) => m.toUpperCase());
  if (!methodsOverlap) return false;
  if ((a.priority ?? 0) !== (b.priority ?? 0)) return false;
  if (predicateKey(a.headers, true) !== predicateKey(b.headers, true)) return false;
  if (predicateKey(a.query, false) !== predicateKey(b.query, false)) return false;
  if (a.hosts.length === 0 && b.hosts.length === 0) return true;
  return overlaps(a.hosts, b.hosts, (h) => h.toLowerCase());
}

/** The first existing route (other than the candidate itself) the candidate collides with. */
export function findCollision<T extends RouteMatchKey>(candidate: RouteMatchKey, existing: readonly T[]): T | undefined {
  return existing.find((r) => (candidate.id === undefined || r.id !== candidate.id) && routesCollide(candidate, r));
}

/**
 * How a 409 names the route a candidate collides with: by name within the caller's tenant; another tenant's
 * route only as such (one listener serves every tenant, so the clash is real, but tenants stay isolated: no
 * name or slug of theirs is ever shown).
 */
export function collidingRouteLabel(hit: { name: string; tenantId: string }, tenantId: string): string {
  return hit.tenantId === tenantId ? `route "${hit.name}" of this tenant` : 'a route of another tenant';
}
