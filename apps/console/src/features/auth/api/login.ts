import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authSession } from '../../../lib/auth-token';
import type { LoginResponse } from './types';

export interface LoginInput {
  /** username or e-mail */
  username: string;
  password: string;
}

/** `cookie: true`: the session goes into the http-only cookie; the answer carries the CSRF token, never the session token. */
export function login(input: LoginInput): Promise<LoginResponse> {
  return api.post<LoginResponse>('/api/v1/auth/login', { ...input, cookie: true }, { token: null, allowUnauthenticated: true });
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
