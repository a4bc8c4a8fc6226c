import { useInfiniteQuery } from '@tanstack/react-query';
import type { Route } from '@aya/config-schema';
import { tenantPagesQueryOptions } from '../../../lib/tenant-resource';

export function routesQueryOptions(tenant: string) {
  return tenantPagesQueryOptions<Route>(tenant, 'routes');
}

export function useRoutes(tenant: string) {
  return useInfiniteQuery(routesQueryOptions(tenant));
}
