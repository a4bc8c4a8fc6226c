import type { IncomingHttpHeaders } from 'node:http';

/*
 * Reading a credential from the places a client may put it (header, query parameter, cookie) and taking
 * it out again before the request goes upstream (hideCredentials). The query is edited as raw text so the
 * other parameters keep their exact encoding.
 */

/** One value of a header: node joins repeated custom headers with ", ", so a repeated one reads as invalid. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v[0] : v;
}

function decodeName(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** The first value of query parameter `name` in '' or '?a=b&...' (undefined when absent or badly encoded). */
export function queryParam(query: string, name: string): string | undefined {
  if (query.length < 2) return undefined;
  for (const pair of query.slice(1).split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (decodeName(key) !== name) continue;
    return eq < 0 ? '' : decodeName(pair.slice(eq + 1));
  }
  return undefined;
}

/** The query without any `names` parameter, other pairs byte for byte ('' when nothing is left). */
export function withoutQueryParams(query: string, names: ReadonlySet<string>): string {
  if (query.length < 2) return query;
  const kept = query
    .slice(1)
    .split('&')
    .filter((pair) => {
      const eq = pair.indexOf('=');
      const key = decodeName(eq < 0 ? pair : pair.slice(0, eq));
      return key === undefined || !names.has(key);
    });
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}

/** A cookie's value from the Cookie header (`a=1; b=2`). */
export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The Cookie header without the `names` cookies; null when none is left (the header is removed). */
export function withoutCookies(cookieHeader: string, names: ReadonlySet<string>): string | null {
  const kept = cookieHeader
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p.length > 0 && !names.has(p.slice(0, Math.max(0, p.indexOf('='))).trim()));
  return kept.length === 0 ? null : kept.join('; ');
}
