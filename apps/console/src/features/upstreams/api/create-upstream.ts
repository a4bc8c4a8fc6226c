import type { Upstream, UpstreamCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';

export function useCreateUpstream(tenant: string) {
  return useTenantWrite(tenant, (input: UpstreamCreate) => api.post<Upstream>(tenantApiPath(tenant, 'upstreams'), input));
}
