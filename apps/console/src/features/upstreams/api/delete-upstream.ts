import { client } from '../../../lib/api-client';
import { useTenantWrite } from '../../../lib/tenant-resource';

export function useDeleteUpstream(tenant: string) {
  return useTenantWrite(tenant, (id: string) => client.DELETE('/api/v1/tenants/{tenant}/upstreams/{id}', { params: { path: { tenant, id } } }));
}
