import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authToken } from '../../../lib/auth-token';

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<void>('/api/v1/auth/logout', undefined, { allowUnauthenticated: true });
      } catch {
        // Revoking is best effort: an admin token cannot be revoked, an expired session already is.
      }
    },
    onSettled: () => {
      authToken.clear();
      queryClient.clear();
    },
  });
}
