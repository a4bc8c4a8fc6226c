import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { UpstreamTargetHealth } from '@aya/config-schema';
import { client, unwrap } from '../../../lib/api-client';

export const HEALTH_REFRESH_MS = 2_000;
/** The list polls slower than the detail page. */
export const LIST_HEALTH_REFRESH_MS = 10_000;

export type { NodeTargetHealth } from '@aya/config-schema';

/** The API's shape; a state name newer than this console (or a local one such as "no reports") is shown as it is. */
export type TargetHealth = Omit<UpstreamTargetHealth, 'state'> & { state: UpstreamTargetHealth['state'] | (string & {}) };

/** Health now and the history the control plane kept from heartbeats (so the chart has its past after a reload). */
export function upstreamHealthQueryOptions(tenant: string, id: string) {
  return queryOptions({
    // under the tenant scope, so an edit of the upstream refreshes it at once
    queryKey: ['tenants', tenant, 'upstreams', 'health', id] as const,
    queryFn: ({ signal }) => unwrap(client.GET('/api/v1/tenants/{tenant}/upstreams/{id}/health', { params: { path: { tenant, id } }, signal })),
    refetchInterval: HEALTH_REFRESH_MS,
    staleTime: 0,
    retry: false,
  });
}

export function useUpstreamHealth(tenant: string, id: string) {
  return useQuery(upstreamHealthQueryOptions(tenant, id));
}

/** The health of a list page's upstreams in one call (was one poll per row), by upstream id. */
export function useUpstreamsHealth(tenant: string, ids: readonly string[]) {
  return useQuery({
    queryKey: ['tenants', tenant, 'upstreams', 'health', 'batch', ids] as const,
    queryFn: async ({ signal }) => {
      const answer = await unwrap(client.GET('/api/v1/tenants/{tenant}/upstream-health', { params: { path: { tenant }, query: { ids: ids.join(',') } }, signal }));
      return new Map<string, TargetHealth[]>(answer.data.map((u) => [u.upstreamId, u.targets]));
    },
    enabled: ids.length > 0,
    refetchInterval: LIST_HEALTH_REFRESH_MS,
    // the next page's rows keep showing the last answer's cells until theirs arrives
    placeholderData: keepPreviousData,
    retry: false,
  });
}
