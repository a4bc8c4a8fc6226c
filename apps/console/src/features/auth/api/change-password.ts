import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** The user's other sessions end; this one stays. */
export function useChangePassword() {
  return useMutation({ mutationFn: (input: PasswordChange) => api.post<void>('/api/v1/auth/password', input) });
}
