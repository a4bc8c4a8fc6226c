import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';

export function useDeletePlugin(tenant: string) {
  return useTenantWrite(tenant, (id: string) => api.delete(tenantApiPath(tenant, 'plugins', id)));
}
