import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caller, client, unwrap } from '../../../lib/api-client';
import { authSession } from '../../../lib/auth-token';
import type { MeResponse } from './types';

export const meQueryKey = ['auth', 'me'] as const;

/** Who is signed in; with the session cookie it also hands back the CSRF token (kept in memory for writes). */
export async function getMe(signal?: AbortSignal): Promise<MeResponse> {
  const me = await unwrap(client.GET('/api/v1/auth/me', { signal }));
  if (authSession.get().token === null) authSession.signedIn(me.csrfToken ?? null);
  return me;
}

export function meQueryOptions() {
  return queryOptions({ queryKey: meQueryKey, queryFn: ({ signal }) => getMe(signal), staleTime: 60_000, retry: false });
}

export function useMe(enabled = true) {
  return useQuery({ ...meQueryOptions(), enabled });
}

/** Checks a pasted admin token against /auth/me before keeping it (in memory), so a typo never becomes a session. */
export function useSignInWithToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => unwrap(client.GET('/api/v1/auth/me', { ...caller({ token, allowUnauthenticated: true }) })),
    onSuccess: (me, token) => {
      queryClient.clear();
      authSession.signedInWithToken(token);
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
