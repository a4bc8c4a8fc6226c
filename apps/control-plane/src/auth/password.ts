import { randomBytes } from 'node:crypto';

/* one scrypt format for admin users and basic-auth credentials: @aya/config-schema/secrets */
export { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '@aya/config-schema/secrets';

export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}
