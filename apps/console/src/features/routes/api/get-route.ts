import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Route } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { routesKeys } from './keys';

export function routeQueryOptions(tenant: string, id: string) {
  return queryOptions({
    queryKey: routesKeys.detail(tenant, id),
    queryFn: ({ signal }) => api.get<Route>(tenantApiPath(tenant, 'routes', id), { signal }),
  });
}

export function useRoute(tenant: string, id: string) {
  return useQuery(routeQueryOptions(tenant, id));
}
