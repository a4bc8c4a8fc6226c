import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../../../lib/api-client';

export const NODES_REFRESH_MS = 3_000;

export function nodesQueryOptions() {
  return queryOptions({
    queryKey: ['cluster', 'nodes'] as const,
    queryFn: async ({ signal }) => (await unwrap(client.GET('/api/v1/nodes', { signal }))).data,
    // Heartbeats arrive every few seconds; polling shows drift and recovery without a reload.
    refetchInterval: NODES_REFRESH_MS,
    staleTime: 0,
  });
}

export function useNodes() {
  return useQuery(nodesQueryOptions());
}
