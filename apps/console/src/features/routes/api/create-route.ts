import type { Route, RouteCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';

export function useCreateRoute(tenant: string) {
  return useTenantWrite(tenant, (input: RouteCreate) => api.post<Route>(tenantApiPath(tenant, 'routes'), input));
}
