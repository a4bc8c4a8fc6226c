import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Plugin } from '@aya/config-schema';
import type { ListParams } from '../../../lib/list-params';
import { tenantApiPath } from '../../../lib/paths';
import { tenantListQueryOptions } from '../../../lib/tenant-list';
import { fetchAllPages, tenantResourceKeys } from '../../../lib/tenant-resource';

/** Every plugin instance of the tenant: the list page and the panels of services, routes and consumers filter it. */
export function pluginsQueryOptions(tenant: string) {
  return queryOptions({
    queryKey: tenantResourceKeys('plugins').list(tenant),
    queryFn: ({ signal }) => fetchAllPages<Plugin>(tenantApiPath(tenant, 'plugins'), signal),
  });
}

export function usePlugins(tenant: string) {
  return useQuery(pluginsQueryOptions(tenant));
}

/** One page of the tenant's plugins as the API searches, filters (`name`, `scope`) and sorts them. */
export function usePluginsPage(tenant: string, params: ListParams, cursor: string | undefined) {
  return useQuery(tenantListQueryOptions(tenant, '/api/v1/tenants/{tenant}/plugins', params, cursor));
}
