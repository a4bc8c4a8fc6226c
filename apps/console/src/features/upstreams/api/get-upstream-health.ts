import { queryOptions, useQuery } from '@tanstack/react-query';
import type { UpstreamTargetHealth } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';

export const HEALTH_REFRESH_MS = 2_000;

export type { NodeTargetHealth } from '@aya/config-schema';

/** The API's shape; a state name newer than this console (or a local one such as "no reports") is shown as it is. */
export type TargetHealth = Omit<UpstreamTargetHealth, 'state'> & { state: UpstreamTargetHealth['state'] | (string & {}) };

export function upstreamHealthQueryOptions(tenant: string, id: string) {
  return queryOptions({
    // under the tenant scope, so an edit of the upstream refreshes it at once
    queryKey: ['tenants', tenant, 'upstreams', 'health', id] as const,
    queryFn: async ({ signal }) => (await api.get<{ data: TargetHealth[] }>(`${tenantApiPath(tenant, 'upstreams', id)}/health`, { signal })).data,
    refetchInterval: HEALTH_REFRESH_MS,
    staleTime: 0,
    retry: false,
  });
}

export function useUpstreamHealth(tenant: string, id: string) {
  return useQuery(upstreamHealthQueryOptions(tenant, id));
}
