import { useQuery } from '@tanstack/react-query';
import type { Route } from '@aya/config-schema';
import { tenantItemQueryOptions } from '../../../lib/tenant-resource';

export function routeQueryOptions(tenant: string, id: string) {
  return tenantItemQueryOptions<Route>(tenant, 'routes', id);
}

export function useRoute(tenant: string, id: string) {
  return useQuery(routeQueryOptions(tenant, id));
}
