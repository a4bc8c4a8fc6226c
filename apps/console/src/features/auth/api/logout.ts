import { useMutation, useQueryClient } from '@tanstack/react-query';
import { caller, client } from '../../../lib/api-client';
import { authSession } from '../../../lib/auth-token';

/** `everywhere`: every session of the user ends (POST /auth/logout-all), not only this browser's. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (everywhere?: boolean) => {
      try {
        await client.POST(everywhere ? '/api/v1/auth/logout-all' : '/api/v1/auth/logout', { ...caller({ allowUnauthenticated: true }) });
      } catch (err) {
        // Signing out here is best effort (an admin token cannot be revoked, an expired session already is);
        // signing out everywhere must say when it did not happen.
        if (everywhere) throw err;
      }
    },
    onSuccess: () => {
      authSession.signedOut();
      queryClient.clear();
    },
  });
}
