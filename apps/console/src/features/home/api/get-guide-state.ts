import { useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../../../lib/api-client';
import type { ApiSchema } from '../../../lib/api/types';
import { tenantScopeKey } from '../../../lib/paths';

export type GuideUpstream = ApiSchema<'Upstream'>;
export type GuideService = ApiSchema<'Service'>;
export type GuideRoute = ApiSchema<'Route'>;
/** A gateway node; `proxyUrls` are its proxy listeners (empty from gateways older than that field). */
export type GuideNode = ApiSchema<'GatewayNodeList'>['data'][number];

/** The first-run guide's steps re-check themselves from live state while it is open. */
const GUIDE_REFRESH_MS = 3_000;

/** What the guide checks, step by step: each step's object, found from the one before. */
export interface GuideState {
  /** the newest upstream (step 1) */
  upstream: GuideUpstream | null;
  /** a service sending to it (step 2) */
  service: GuideService | null;
  /** a route on that service (step 3) */
  route: GuideRoute | null;
}

async function findChain(tenant: string, signal: AbortSignal): Promise<GuideState> {
  const path = { tenant };
  const upstreams = await unwrap(client.GET('/api/v1/tenants/{tenant}/upstreams', { params: { path, query: { limit: 1, sort: '-createdAt' } }, signal }));
  const upstream = upstreams.data[0] ?? null;
  if (!upstream) return { upstream, service: null, route: null };
  const services = await unwrap(
    client.GET('/api/v1/tenants/{tenant}/services', { params: { path, query: { limit: 1, sort: '-createdAt', upstream: upstream.id } }, signal }),
  );
  const service = services.data[0] ?? null;
  if (!service) return { upstream, service, route: null };
  const routes = await unwrap(client.GET('/api/v1/tenants/{tenant}/routes', { params: { path, query: { limit: 1, sort: '-createdAt', service: service.id } }, signal }));
  return { upstream, service, route: routes.data[0] ?? null };
}

export function useGuideState(tenant: string, enabled: boolean) {
  return useQuery({
    queryKey: [...tenantScopeKey(tenant), 'first-run-guide'] as const,
    queryFn: ({ signal }) => findChain(tenant, signal),
    enabled,
    refetchInterval: GUIDE_REFRESH_MS,
  });
}

/** The gateway nodes: where the last step's request goes, and whether the route is live there yet. */
export function useGuideNodes(enabled: boolean) {
  return useQuery({
    queryKey: ['home', 'gateway-nodes'] as const,
    queryFn: async ({ signal }): Promise<GuideNode[]> => (await unwrap(client.GET('/api/v1/nodes', { signal }))).data,
    enabled,
    refetchInterval: GUIDE_REFRESH_MS,
  });
}
