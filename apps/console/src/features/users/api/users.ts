import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../../lib/api-client';
import type { TenantRole } from '../../auth/api/types';

export interface PlatformUser {
  id: string;
  username: string;
  email: string | null;
  superadmin: boolean;
  tenants: Array<{ slug: string; role: TenantRole }>;
  createdAt: string;
}

export interface UserInput {
  username: string;
  email?: string;
  password: string;
  superadmin?: boolean;
}

const key = ['users'] as const;

/** The first 500 users (a console for thousands of users would page; /api/v1/users does). */
export const useUsers = () => useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<{ data: PlatformUser[] }>('/api/v1/users', { signal, query: { limit: 500 } }).then((r) => r.data) });

export function useUserWrites() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: key });
  return {
    create: useMutation({ mutationFn: (input: UserInput) => api.post<PlatformUser>('/api/v1/users', input), onSuccess }),
    remove: useMutation({ mutationFn: (username: string) => api.delete(`/api/v1/users/${seg(username)}`), onSuccess }),
  };
}
