import { parseCookie, stringifySetCookie } from 'cookie';
import { SESSION_TTL_MS } from './tokens';

/** The console's session cookie: http-only (scripts never see the token), SameSite=Strict, Secure over HTTPS. */
export const SESSION_COOKIE = 'aya_session';
/** The header a cookie session's writes must carry (its value: LoginResult.csrfToken / GET /auth/me). */
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change nothing: a cookie session needs no CSRF token for them. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionFromCookie(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join('; ') : header;
  if (!value) return undefined;
  return parseCookie(value)[SESSION_COOKIE] || undefined;
}

/** `secure`: the request came over HTTPS (as fastify sees it behind AYA_TRUST_PROXY). */
export function sessionSetCookie(token: string, secure: boolean): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(secure: boolean): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 0 });
}
