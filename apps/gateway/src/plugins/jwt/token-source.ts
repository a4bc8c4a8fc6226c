import { cookieValue, headerValue, queryParam, withoutCookies, withoutQueryParams } from '../auth-common/request-parts';
import type { PluginRequest } from '../types';

/** The challenge of a request without a token, and of one whose token is refused (RFC 6750 3). */
export const BEARER_CHALLENGE = `Bearer realm="aya"`;
export const BEARER_INVALID = `${BEARER_CHALLENGE}, error="invalid_token"`;

/** Where a bearer token may be: headers carrying `Bearer <token>`, query parameters, cookies. */
export interface TokenSources {
  readonly headerNames: readonly string[];
  readonly uriParamNames: readonly string[];
  readonly cookieNames: readonly string[];
}

/** The token of `Bearer <token>` (scheme case-insensitive); undefined for another scheme (another plugin's). */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (trimmed.length < 7 || trimmed.slice(0, 7).toLowerCase() !== 'bearer ') return undefined;
  return trimmed.slice(7).trim();
}

/** The first token found: headers, then query parameters, then cookies. */
export function findToken(r: PluginRequest, s: TokenSources): string | undefined {
  for (const name of s.headerNames) {
    const token = bearerToken(headerValue(r.req.headers, name));
    if (token !== undefined) return token;
  }
  for (const name of s.uriParamNames) {
    const token = queryParam(r.query, name);
    if (token !== undefined && token !== '') return token;
  }
  const cookies = headerValue(r.req.headers, 'cookie');
  for (const name of s.cookieNames) {
    const token = cookieValue(cookies, name);
    if (token !== undefined && token !== '') return token;
  }
  return undefined;
}

/** hideCredentials: the token leaves every place it may be in before the request goes upstream. */
export function hideToken(r: PluginRequest, s: TokenSources): void {
  for (const name of s.headerNames) r.upstreamHeaders.set(name, null);
  if (s.uriParamNames.length > 0) r.upstreamQuery = withoutQueryParams(r.upstreamQuery ?? r.query, new Set(s.uriParamNames));
  const cookies = headerValue(r.req.headers, 'cookie');
  if (s.cookieNames.length > 0 && cookies !== undefined) r.upstreamHeaders.set('cookie', withoutCookies(cookies, new Set(s.cookieNames)));
}
