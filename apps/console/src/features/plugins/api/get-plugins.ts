import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ListParams } from '../../../lib/list-params';
import { tenantListQueryOptions } from '../../../lib/tenant-list';
import { fetchAllPages, tenantResourceKeys } from '../../../lib/tenant-resource';

/** Every plugin instance of the tenant: the list page and the panels of services, routes and consumers filter it. */
export function pluginsQueryOptions(tenant: string) {
  return queryOptions({
    queryKey: tenantResourceKeys('plugins').list(tenant),
    queryFn: ({ signal }) => fetchAllPages('/api/v1/tenants/{tenant}/plugins', { tenant }, signal),
  });
}

export function usePlugins(tenant: string) {
  return useQuery(pluginsQueryOptions(tenant));
}

/** One page of the tenant's plugins as the API searches, filters (`name`, `scope`) and sorts them. */
export function usePluginsPage(tenant: string, params: ListParams, cursor: string | undefined) {
  return useQuery(tenantListQueryOptions(tenant, '/api/v1/tenants/{tenant}/plugins', params, cursor));
}
