import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authToken } from '../../../lib/auth-token';
import type { MeResponse } from './types';

export const meQueryKey = ['auth', 'me'] as const;

export function getMe(signal?: AbortSignal): Promise<MeResponse> {
  return api.get<MeResponse>('/api/v1/auth/me', { signal });
}

export function meQueryOptions() {
  return queryOptions({ queryKey: meQueryKey, queryFn: ({ signal }) => getMe(signal), staleTime: 60_000 });
}

export function useMe(enabled = true) {
  return useQuery({ ...meQueryOptions(), enabled });
}

/** Checks a pasted admin token against /auth/me before keeping it, so a typo never becomes a stored session. */
export function useSignInWithToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.get<MeResponse>('/api/v1/auth/me', { token, allowUnauthenticated: true }),
    onSuccess: (me, token) => {
      queryClient.clear();
      authToken.set(token);
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
