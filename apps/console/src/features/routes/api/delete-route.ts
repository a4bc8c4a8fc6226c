import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';

export function useDeleteRoute(tenant: string) {
  return useTenantWrite(tenant, (id: string) => api.delete(tenantApiPath(tenant, 'routes', id)));
}
