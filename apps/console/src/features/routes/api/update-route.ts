import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Route, RouteCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath, tenantScopeKey } from '../../../lib/paths';

/** PUT: the form holds the whole route, so clearing methods or hosts really clears them. */
export function useUpdateRoute(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: RouteCreate }) => api.put<Route>(tenantApiPath(tenant, 'routes', id), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantScopeKey(tenant) }),
  });
}
