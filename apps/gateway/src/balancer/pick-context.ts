import type { PickContext } from './types';

/** Request-value readers shared by the proxy's PickContext and the plain one below. */
export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

export function queryOf(url: string, name: string): string | undefined {
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  for (const part of url.slice(q + 1).split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (safeDecode(key) === name) return eq < 0 ? '' : safeDecode(part.slice(eq + 1));
  }
  return undefined;
}

export function cookieOf(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** A PickContext over plain values: tests and non-HTTP callers. */
export function plainContext(clientIp: string, url = '/', headers: Record<string, string> = {}): PickContext {
  return {
    clientIp,
    path: () => pathOf(url),
    header: (name) => headers[name],
    cookie: (name) => cookieOf(headers.cookie, name),
    query: (name) => queryOf(url, name),
  };
}
