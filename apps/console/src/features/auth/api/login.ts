import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authToken } from '../../../lib/auth-token';
import { meQueryKey } from './get-me';
import type { LoginResponse, MeResponse } from './types';

export interface LoginInput {
  username: string;
  password: string;
}

export function login(input: LoginInput): Promise<LoginResponse> {
  return api.post<LoginResponse>('/api/v1/auth/login', input, { token: null, allowUnauthenticated: true });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (res) => {
      // Nothing cached under a previous identity may leak into this session.
      queryClient.clear();
      authToken.set(res.token);
      queryClient.setQueryData<MeResponse>(meQueryKey, { user: res.user });
    },
  });
}
