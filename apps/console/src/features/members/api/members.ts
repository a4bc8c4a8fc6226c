import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../../lib/api-client';
import type { TenantRole } from '../../auth/api/types';

export interface Member {
  user: { id: string; username: string; email: string | null };
  role: TenantRole;
  createdAt: string;
}

const path = (tenant: string, user?: string) => `/api/v1/tenants/${seg(tenant)}/members${user === undefined ? '' : `/${seg(user)}`}`;
const key = (tenant: string) => ['tenants', tenant, 'members'] as const;

export function membersQuery(tenant: string) {
  return queryOptions({ queryKey: key(tenant), queryFn: ({ signal }) => api.get<{ data: Member[] }>(path(tenant), { signal }).then((r) => r.data) });
}

export const useMembers = (tenant: string) => useQuery(membersQuery(tenant));

/** add `{user, role}` (username or e-mail), change a role, remove: each refreshes the list. */
export function useMemberWrites(tenant: string) {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: key(tenant) });
  return {
    add: useMutation({ mutationFn: (input: { user: string; role: TenantRole }) => api.post<Member>(path(tenant), input), onSuccess }),
    changeRole: useMutation({ mutationFn: (input: { user: string; role: TenantRole }) => api.patch<Member>(path(tenant, input.user), { role: input.role }), onSuccess }),
    remove: useMutation({ mutationFn: (user: string) => api.delete(path(tenant, user)), onSuccess }),
  };
}
