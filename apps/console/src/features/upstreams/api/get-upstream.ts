import { useQuery } from '@tanstack/react-query';
import { tenantItemQueryOptions } from '../../../lib/tenant-resource';

export function upstreamQueryOptions(tenant: string, id: string) {
  return tenantItemQueryOptions(tenant, '/api/v1/tenants/{tenant}/upstreams/{id}', id);
}

export function useUpstream(tenant: string, id: string) {
  return useQuery(upstreamQueryOptions(tenant, id));
}
