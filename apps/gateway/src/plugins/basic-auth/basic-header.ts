/** `Authorization: Basic <base64(user:password)>` as RFC 7617 has it. */
export type BasicHeader = { readonly user: string; readonly password: string } | { readonly malformed: true } | undefined;

/** The whole base64 alphabet with optional padding; anything else is refused rather than skipped, as Buffer.from would. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Longer than any username (256) + password (1024) the admin API accepts, in base64. */
const MAX_ENCODED = 2048;

/**
 * undefined when the header is absent or another scheme (another auth plugin may read it); `malformed`
 * for a Basic header that is not base64 of `user:password` (a coded 401, never a crash).
 */
export function parseBasicHeader(header: string | undefined): BasicHeader {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const scheme = space < 0 ? trimmed : trimmed.slice(0, space);
  if (scheme.toLowerCase() !== 'basic') return undefined;
  const encoded = space < 0 ? '' : trimmed.slice(space + 1).trim();
  if (encoded.length === 0 || encoded.length > MAX_ENCODED || encoded.length % 4 === 1 || !BASE64.test(encoded)) return { malformed: true };
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return { malformed: true };
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
