import { client } from '../../../lib/api-client';
import { useTenantWrite } from '../../../lib/tenant-resource';

export function useDeleteRoute(tenant: string) {
  return useTenantWrite(tenant, (id: string) => client.DELETE('/api/v1/tenants/{tenant}/routes/{id}', { params: { path: { tenant, id } } }));
}
