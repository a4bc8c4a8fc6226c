import { useQuery } from '@tanstack/react-query';
import type { ListParams } from '../../../lib/list-params';
import { tenantListQueryOptions } from '../../../lib/tenant-list';

/** One page of the tenant's upstreams as the API searches, filters and sorts them. */
export function useUpstreamsPage(tenant: string, params: ListParams, cursor: string | undefined) {
  return useQuery(tenantListQueryOptions(tenant, '/api/v1/tenants/{tenant}/upstreams', params, cursor));
}
