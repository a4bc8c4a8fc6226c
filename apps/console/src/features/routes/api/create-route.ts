import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Route, RouteCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath, tenantScopeKey } from '../../../lib/paths';

export function useCreateRoute(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RouteCreate) => api.post<Route>(tenantApiPath(tenant, 'routes'), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantScopeKey(tenant) }),
  });
}
