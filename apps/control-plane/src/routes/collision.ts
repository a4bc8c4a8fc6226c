/** What two routes are compared on. Empty methods / hosts mean "every method" / "every host". */
export interface RouteMatchKey {
  id?: string;
  name?: string;
  paths: readonly string[];
  methods: readonly string[];
  hosts: readonly string[];
}

function overlaps(a: readonly string[], b: readonly string[], normalize: (v: string) => string): boolean {
  const set = new Set(a.map(normalize));
  return b.some((v) => set.has(normalize(v)));
}

/**
 * Two routes collide when a request could match both with nothing to prefer one: a shared path, overlapping
 * methods (empty = all) and overlapping hosts (both empty, or a common host; a host-specific route is
 * preferred over a host-less one, so those do not collide).
 */
export function routesCollide(a: RouteMatchKey, b: RouteMatchKey): boolean {
  if (!overlaps(a.paths, b.paths, (p) => p)) return false;
  const methodsOverlap =
    a.methods.length === 0 || b.methods.length === 0 || overlaps(a.methods, b.methods, (m) => m.toUpperCase());
  if (!methodsOverlap) return false;
  if (a.hosts.length === 0 && b.hosts.length === 0) return true;
  return overlaps(a.hosts, b.hosts, (h) => h.toLowerCase());
}

/** The first existing route (other than the candidate itself) the candidate collides with. */
export function findCollision<T extends RouteMatchKey>(candidate: RouteMatchKey, existing: readonly T[]): T | undefined {
  return existing.find((r) => (candidate.id === undefined || r.id !== candidate.id) && routesCollide(candidate, r));
}
