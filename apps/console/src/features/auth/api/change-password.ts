import { useMutation } from '@tanstack/react-query';
import { client } from '../../../lib/api-client';
import type { ApiSchema } from '../../../lib/api/types';

export type PasswordChange = ApiSchema<'AuthChangePasswordBody'>;

/** The user's other sessions end; this one stays. */
export function useChangePassword() {
  return useMutation({ mutationFn: async (body: PasswordChange) => {
      await client.POST('/api/v1/auth/password', { body });
    }, });
}
