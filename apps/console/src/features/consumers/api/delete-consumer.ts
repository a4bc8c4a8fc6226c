import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';

/** Its credentials and consumer-scoped plugins go with it (server-side cascade). */
export function useDeleteConsumer(tenant: string) {
  return useTenantWrite(tenant, (id: string) => api.delete(tenantApiPath(tenant, 'consumers', id)));
}
