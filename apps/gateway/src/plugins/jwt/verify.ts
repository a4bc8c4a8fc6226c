import { decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import type { KeyObject } from 'node:crypto';
import type { AuthFailureReason } from '../auth-common/replies';

/** What a token is verified with: a static key (HMAC secret, public key) or a JWKS resolver. */
export type VerificationKey = Uint8Array | KeyObject | JWTVerifyGetKey;

/** Bigger than any sane token; a header of megabytes is refused before base64 decoding. */
const MAX_TOKEN_LENGTH = 16_384;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export type Decoded = { readonly payload: JWTPayload } | { readonly reason: AuthFailureReason };

/** The claims of a compact JWS read WITHOUT verifying it: only to find which key verifies it. */
export function decodeUnverified(token: string): Decoded {
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) return { reason: 'credentials-malformed' };
  try {
    // the header too: a token whose header is not JSON is malformed, whatever its payload
    decodeProtectedHeader(token);
    return { payload: decodeJwt(token) };
  } catch {
    return { reason: 'credentials-malformed' };
  }
}

export type Verified = { readonly payload: JWTPayload } | { readonly reason: AuthFailureReason; readonly unexpected?: unknown };

/** jose error codes -> our reasons; anything else (a JWKS fetch failing, a key of the wrong type) is `unexpected`. */
const REASONS: Readonly<Record<string, AuthFailureReason>> = {
  ERR_JWT_EXPIRED: 'credentials-expired',
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'claims-invalid',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'signature-invalid',
  ERR_JOSE_ALG_NOT_ALLOWED: 'signature-invalid',
  ERR_JWKS_NO_MATCHING_KEY: 'signature-invalid',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'signature-invalid',
  ERR_JWS_INVALID: 'credentials-malformed',
  ERR_JWT_INVALID: 'credentials-malformed',
  ERR_JOSE_NOT_SUPPORTED: 'credentials-malformed',
  // JwksUnavailableError: the key set never came
  ERR_AYA_JWKS_UNAVAILABLE: 'issuer-unavailable',
};

/**
 * Verifies signature and registered claims. `options.algorithms` must always be given: the key's own
 * algorithm(s), never the token header's choice, which is what refuses `alg: none` and algorithm confusion
 * (an HS256 token "signed" with an RS256 public key).
 */
export async function verifyToken(token: string, key: VerificationKey, options: JWTVerifyOptions & { algorithms: string[] }): Promise<Verified> {
  try {
    const { payload } =
      typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
    return { payload };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const reason = typeof code === 'string' ? REASONS[code] : undefined;
    return reason !== undefined ? { reason } : { reason: 'signature-invalid', unexpected: err };
  }
}

/** The `exp` limit of `maximumExpirationSeconds`: a token must expire, and not later than max seconds from now. */
export function withinMaximumExpiration(payload: JWTPayload, maxSeconds: number, nowMs = Date.now()): boolean {
  if (maxSeconds === 0) return true;
  return typeof payload.exp === 'number' && payload.exp - nowMs / 1000 <= maxSeconds;
}
