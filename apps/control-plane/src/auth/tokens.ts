import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tenant admin tokens carry a prefix: the guard looks them up in their own table, and secret scanners know them. */
export const TENANT_TOKEN_PREFIX = 'ayat_';

export function newTenantToken(): string {
  return `${TENANT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * The CSRF token of a cookie session: an HMAC of the session token, so it needs no storage, changes with the
 * session and cannot be made without the (http-only) cookie. The console reads it from the sign-in answer or
 * GET /auth/me and sends it as `X-CSRF-Token` on every write.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('aya-csrf-v1').digest('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time equality of two secrets of any length (compares their sha256 digests). */
export function secretEquals(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return m ? m[1] : undefined;
}
