import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TargetState } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';

export const HEALTH_REFRESH_MS = 2_000;

/** One target as one gateway node sees it. */
export interface NodeTargetHealth {
  nodeId: string;
  state: TargetState;
  consecutiveFailures: number;
  /** requests in flight from that node */
  active: number;
  latencyMs: number | null;
  since: string;
  lastSeenAt: string;
}

export interface TargetHealth {
  target: string;
  /** the control plane's verdict over all nodes; a newer state name is shown as it is */
  state: TargetState | (string & {});
  nodes: NodeTargetHealth[];
}

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
