/** Where a plugin instance is attached (ids; null: not scoped by it). All null: global for its tenant. */
export interface PluginScope {
  readonly serviceId: string | null;
  readonly routeId: string | null;
  readonly consumerId: string | null;
}

/**
 * How specific a scope is, Kong's order (higher wins): consumer+route+service 7 > consumer+route 6 >
 * consumer+service 5 > route+service 4 > consumer 3 > route 2 > service 1 > global 0.
 */
export function scopeRank(p: PluginScope): number {
  const c = p.consumerId !== null;
  const r = p.routeId !== null;
  const s = p.serviceId !== null;
  if (c) return r ? (s ? 7 : 6) : s ? 5 : 3;
  return r ? (s ? 4 : 2) : s ? 1 : 0;
}

/** the instance applies to requests of this route (of that service); its consumer is checked after auth */
export function scopeMatches(p: PluginScope, routeId: string, serviceId: string): boolean {
  return (p.routeId === null || p.routeId === routeId) && (p.serviceId === null || p.serviceId === serviceId);
}
