import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Service, ServiceCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath, tenantScopeKey } from '../../../lib/paths';

export function useCreateService(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ServiceCreate) => api.post<Service>(tenantApiPath(tenant, 'services'), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantScopeKey(tenant) }),
  });
}
