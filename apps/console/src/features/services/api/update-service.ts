import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Service, ServiceCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath, tenantScopeKey } from '../../../lib/paths';

/** PUT: the edit form always holds the whole service, so a full replace keeps omitted fields from surviving by accident. */
export function useUpdateService(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: ServiceCreate }) => api.put<Service>(tenantApiPath(tenant, 'services', id), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantScopeKey(tenant) }),
  });
}
