import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Plugin } from '@aya/config-schema';
import { tenantApiPath } from '../../../lib/paths';
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
