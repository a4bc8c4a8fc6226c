import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ListParams } from '../../../lib/list-params';
import { tenantListQueryOptions } from '../../../lib/tenant-list';
import { fetchAllPages, tenantItemQueryOptions } from '../../../lib/tenant-resource';

/** One page of the tenant's consumer groups as the API searches and sorts them. */
export function useConsumerGroupsPage(tenant: string, params: ListParams, cursor: string | undefined) {
  return useQuery(tenantListQueryOptions(tenant, '/api/v1/tenants/{tenant}/consumer-groups', params, cursor));
}

export function useConsumerGroup(tenant: string, id: string) {
  return useQuery(tenantItemQueryOptions(tenant, '/api/v1/tenants/{tenant}/consumer-groups/{id}', id));
}

/** Every group name, for the consumer form's multi-select. */
export function groupNamesQueryOptions(tenant: string) {
  return queryOptions({
    queryKey: ['tenants', tenant, 'consumer-groups', 'names'] as const,
    queryFn: async ({ signal }) => (await fetchAllPages('/api/v1/tenants/{tenant}/consumer-groups', { tenant }, signal)).map((g) => g.name).sort(),
  });
}

export function useGroupNames(tenant: string) {
  return useQuery(groupNamesQueryOptions(tenant));
}
