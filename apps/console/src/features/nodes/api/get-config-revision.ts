import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../../../lib/api-client';
import { NODES_REFRESH_MS } from './get-nodes';

export function configRevisionQueryOptions() {
  return queryOptions({
    queryKey: ['cluster', 'config-revision'] as const,
    queryFn: ({ signal }) => unwrap(client.GET('/api/v1/config/revision', { signal })),
    refetchInterval: NODES_REFRESH_MS,
    staleTime: 0,
  });
}

export function useConfigRevision() {
  return useQuery(configRevisionQueryOptions());
}
