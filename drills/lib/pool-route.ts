import { mustWrite, type Platform } from './platform';

export interface PoolRouteOptions {
  /** Extra upstream fields (health checks, breaker, algorithm). */
  upstream?: Record<string, unknown>;
  /** Extra service fields (timeouts, retries). */
  service?: Record<string, unknown>;
}

/**
 * Upstream `pool` over `targets` (`host:port`), service `svc` on it and route `r` on `path`, applied
 * on every gateway: the setup of the drills that break upstream targets. Resolves with the revision.
 */
export async function routeToPool(p: Platform, path: string, targets: string[], opts: PoolRouteOptions = {}): Promise<number> {
  await mustWrite(p.api, 'POST', '/api/v1/tenants/default/upstreams', { name: 'pool', targets: targets.map((target) => ({ target })), ...opts.upstream });
  await mustWrite(p.api, 'POST', '/api/v1/tenants/default/services', { name: 'svc', url: 'upstream://pool', ...opts.service });
  await mustWrite(p.api, 'POST', '/api/v1/tenants/default/routes', { name: 'r', service: 'svc', paths: [path] });
  return p.inSync();
}
