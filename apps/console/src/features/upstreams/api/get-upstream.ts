import { useQuery } from '@tanstack/react-query';
import type { Upstream } from '@aya/config-schema';
import { tenantItemQueryOptions } from '../../../lib/tenant-resource';

export function upstreamQueryOptions(tenant: string, id: string) {
  return tenantItemQueryOptions<Upstream>(tenant, 'upstreams', id);
}

export function useUpstream(tenant: string, id: string) {
  return useQuery(upstreamQueryOptions(tenant, id));
}
