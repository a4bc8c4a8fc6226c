import { useMutation, useQueryClient } from '@tanstack/react-query';
import { caller, client, unwrap } from '../../../lib/api-client';
import { authSession } from '../../../lib/auth-token';
import type { ApiSchema } from '../../../lib/api/types';
import type { LoginResponse } from './types';

/** `username`: the username or the e-mail */
export type LoginInput = Omit<ApiSchema<'AuthLoginBody'>, 'cookie'>;

/** `cookie: true`: the session goes into the http-only cookie; the answer carries the CSRF token, never the session token. */
export function login(input: LoginInput): Promise<LoginResponse> {
  return unwrap(client.POST('/api/v1/auth/login', { body: { ...input, cookie: true }, ...caller({ token: null, allowUnauthenticated: true }) }));
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (res) => {
      // Nothing cached under a previous identity may leak into this session.
      queryClient.clear();
      authSession.signedIn(res.csrfToken);
    },
  });
}
