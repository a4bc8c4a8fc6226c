import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Upstream, UpstreamCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath, tenantScopeKey } from '../../../lib/paths';

export function useCreateUpstream(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpstreamCreate) => api.post<Upstream>(tenantApiPath(tenant, 'upstreams'), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantScopeKey(tenant) }),
  });
}
