import { client } from '../../../lib/api-client';
import { useTenantWrite } from '../../../lib/tenant-resource';

/** Its credentials and consumer-scoped plugins go with it (server-side cascade). */
export function useDeleteConsumer(tenant: string) {
  return useTenantWrite(tenant, (id: string) => client.DELETE('/api/v1/tenants/{tenant}/consumers/{id}', { params: { path: { tenant, id } } }));
}
