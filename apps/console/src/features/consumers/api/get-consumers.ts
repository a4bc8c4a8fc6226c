import { useQuery } from '@tanstack/react-query';
import type { ListParams } from '../../../lib/list-params';
import { tenantListQueryOptions } from '../../../lib/tenant-list';

/** One page of the tenant's consumers as the API searches and sorts them. */
export function useConsumersPage(tenant: string, params: ListParams, cursor: string | undefined) {
  return useQuery(tenantListQueryOptions(tenant, '/api/v1/tenants/{tenant}/consumers', params, cursor));
}
