import type { Upstream, UpstreamCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';

/** PUT: the targets table is the whole list, so removed targets are really removed. */
export function useUpdateUpstream(tenant: string) {
  return useTenantWrite(tenant, ({ id, input }: { id: string; input: UpstreamCreate }) => api.put<Upstream>(tenantApiPath(tenant, 'upstreams', id), input));
}
