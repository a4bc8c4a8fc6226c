import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Upstream } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { upstreamsKeys } from './keys';

export function upstreamQueryOptions(tenant: string, id: string) {
  return queryOptions({
    queryKey: upstreamsKeys.detail(tenant, id),
    queryFn: ({ signal }) => api.get<Upstream>(tenantApiPath(tenant, 'upstreams', id), { signal }),
  });
}

export function useUpstream(tenant: string, id: string) {
  return useQuery(upstreamQueryOptions(tenant, id));
}
