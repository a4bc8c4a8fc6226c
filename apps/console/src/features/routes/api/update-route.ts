import type { Route, RouteCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';

/** PUT: the form holds the whole route, so clearing methods or hosts really clears them. */
export function useUpdateRoute(tenant: string) {
  return useTenantWrite(tenant, ({ id, input }: { id: string; input: RouteCreate }) => api.put<Route>(tenantApiPath(tenant, 'routes', id), input));
}
