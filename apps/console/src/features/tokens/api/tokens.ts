import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../../lib/api-client';
import type { TenantRole } from '../../auth/api/types';

export interface AdminToken {
  id: string;
  name: string;
  role: TenantRole;
  expiresAt: string | null;
  lastUsedAt: string | null;
  createdBy: string;
  createdAt: string;
}

export interface TokenInput {
  name: string;
  role: TenantRole;
  expiresAt?: string;
}

const path = (tenant: string, id?: string) => `/api/v1/tenants/${seg(tenant)}/tokens${id === undefined ? '' : `/${seg(id)}`}`;
const key = (tenant: string) => ['tenants', tenant, 'tokens'] as const;

export const useTokens = (tenant: string) =>
  useQuery({ queryKey: key(tenant), queryFn: ({ signal }) => api.get<{ data: AdminToken[] }>(path(tenant), { signal }).then((r) => r.data) });

/** create answers the token itself, once; revoke makes it a 401 from then on. */
export function useTokenWrites(tenant: string) {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: key(tenant) });
  return {
    create: useMutation({ mutationFn: (input: TokenInput) => api.post<AdminToken & { token: string }>(path(tenant), input), onSuccess }),
    revoke: useMutation({ mutationFn: (id: string) => api.delete(path(tenant, id)), onSuccess }),
  };
}
