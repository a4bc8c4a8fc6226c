import { useQuery } from '@tanstack/react-query';
import type { ListParams } from '../../../lib/list-params';
import { tenantListQueryOptions } from '../../../lib/tenant-list';

/** One page of the tenant's routes as the API searches, filters and sorts them. */
export function useRoutesPage(tenant: string, params: ListParams, cursor: string | undefined) {
  return useQuery(tenantListQueryOptions(tenant, '/api/v1/tenants/{tenant}/routes', params, cursor));
}
