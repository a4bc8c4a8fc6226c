import { queryOptions, useQuery } from '@tanstack/react-query';
import type { GatewayNode } from '@aya/config-schema';
import { api } from '../../../lib/api-client';

export const NODES_REFRESH_MS = 3_000;

export function nodesQueryOptions() {
  return queryOptions({
    queryKey: ['cluster', 'nodes'] as const,
    queryFn: async ({ signal }) => (await api.get<{ data: GatewayNode[] }>('/api/v1/nodes', { signal })).data,
    // Heartbeats arrive every few seconds; polling shows drift and recovery without a reload.
    refetchInterval: NODES_REFRESH_MS,
    staleTime: 0,
  });
}

export function useNodes() {
  return useQuery(nodesQueryOptions());
}
