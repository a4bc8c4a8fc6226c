import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { tenantApiPath, tenantScopeKey } from '../../../lib/paths';

export function useDeleteUpstream(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(tenantApiPath(tenant, 'upstreams', id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantScopeKey(tenant) }),
  });
}
