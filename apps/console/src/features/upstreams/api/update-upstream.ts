import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Upstream, UpstreamCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath, tenantScopeKey } from '../../../lib/paths';

/** PUT: the targets table is the whole list, so removed targets are really removed. */
export function useUpdateUpstream(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpstreamCreate }) => api.put<Upstream>(tenantApiPath(tenant, 'upstreams', id), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantScopeKey(tenant) }),
  });
}
