import type { RouteCreate } from '@aya/config-schema';
import { client, unwrap } from '../../../lib/api-client';
import { useTenantWrite } from '../../../lib/tenant-resource';

export function useCreateRoute(tenant: string) {
  return useTenantWrite(tenant, (body: RouteCreate) => unwrap(client.POST('/api/v1/tenants/{tenant}/routes', { params: { path: { tenant } }, body })));
}
