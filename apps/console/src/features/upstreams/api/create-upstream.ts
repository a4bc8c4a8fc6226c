import type { UpstreamCreate } from '@aya/config-schema';
import { client, unwrap } from '../../../lib/api-client';
import { useTenantWrite } from '../../../lib/tenant-resource';

export function useCreateUpstream(tenant: string) {
  return useTenantWrite(tenant, (body: UpstreamCreate) => unwrap(client.POST('/api/v1/tenants/{tenant}/upstreams', { params: { path: { tenant } }, body })));
}
