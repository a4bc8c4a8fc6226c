import { useQuery } from '@tanstack/react-query';
import type { ListParams } from '../../../lib/list-params';
import { tenantListQueryOptions } from '../../../lib/tenant-list';

/** One page of the tenant's services as the API searches, filters and sorts them. */
export function useServicesPage(tenant: string, params: ListParams, cursor: string | undefined) {
  return useQuery(tenantListQueryOptions(tenant, '/api/v1/tenants/{tenant}/services', params, cursor));
}
