import type { H1DispatchOptions } from './h1-types';

/**
 * undici's rule for header values (tab, visible ASCII, latin1): a CR, LF or NUL would split the
 * request, other control characters and code points above 0xff cannot be written as latin1.
 */
const UNSAFE_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** undici's rule for request targets: visible latin1 only (no space, no control characters). */
const UNSAFE_PATH = /[^\u0021-\u00ff]/;
/** Methods whose empty body undici announces with Content-Length: 0 (kept for parity). */
const EXPECTS_PAYLOAD = new Set(['POST', 'PUT', 'PATCH', 'QUERY']);

export interface RequestHead {
  /** request line + headers, without the blank line that ends them */
  text: string;
  /** the headers frame the body with Content-Length (else it goes chunked) */
  hasLength: boolean;
}

/** Request line + headers, or null when the target or a header could split the request. */
export function requestHead(opts: H1DispatchOptions, hostHeader: string): RequestHead | null {
  if (UNSAFE_PATH.test(opts.path)) return null;
  let text = `${opts.method} ${opts.path} HTTP/1.1\r\nconnection: keep-alive\r\n`;
  const h = opts.headers;
  let hasLength = false;
  let hasHost = false;
  for (let i = 0; i < h.length; i += 2) {
    const name = h[i];
    const value = h[i + 1];
    if (UNSAFE_VALUE.test(value) || UNSAFE_VALUE.test(name)) return null;
    if (name.length === 14 && name.toLowerCase() === 'content-length') hasLength = true;
    // a Host set by the route's header transform wins over the origin's, as with undici
    else if (name.length === 4 && name.toLowerCase() === 'host') hasHost = true;
    text += `${name}: ${value}\r\n`;
  }
  if (!hasHost) text += `host: ${hostHeader}\r\n`;
  if (opts.body === null && !hasLength && EXPECTS_PAYLOAD.has(opts.method)) text += 'content-length: 0\r\n';
  return { text, hasLength };
}
