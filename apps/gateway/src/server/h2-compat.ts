import type { IncomingMessage, ServerResponse } from 'node:http';
import { Http2ServerRequest, type Http2ServerResponse } from 'node:http2';

export type ProxyRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Makes an HTTP/2 request look like the HTTP/1 ones the proxy handler reads: pseudo-headers
 * leave rawHeaders (undici refuses `:`-names), `:authority` becomes Host (node's compat layer
 * does not do that), and the cookie crumbs h2 allows are joined again (RFC 9113 8.2.3), since
 * the upstream side speaks HTTP/1.1. Mutates in place: node builds both arrays per request.
 */
export function normalizeH2Request(req: Http2ServerRequest): void {
  const raw = req.rawHeaders;
  const out: string[] = [];
  let authority: string | undefined;
  let hasHost = false;
  let cookies: string[] | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.charCodeAt(0) === 58 /* : */) {
      if (name === ':authority') authority = raw[i + 1];
      continue;
    }
    if (name === 'cookie') {
      (cookies ??= []).push(raw[i + 1]);
      continue;
    }
    if (name === 'host') hasHost = true;
    out.push(name, raw[i + 1]);
  }
  if (!hasHost && authority !== undefined) {
    out.unshift('host', authority);
    req.headers.host = authority;
  }
  if (cookies) out.push('cookie', cookies.join('; '));
  raw.length = 0;
  for (const v of out) raw.push(v);
}

/**
 * One request handler for HTTP/1.1 (IncomingMessage) and HTTP/2 (node's compat API) requests.
 * The compat objects are duck-typed stand-ins for req/res (same streams, headers, writeHead
 * with a flat list, addTrailers), which is what the proxy handler relies on; hence the casts.
 */
export function dualHandler(handler: ProxyRequestHandler): (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => void {
  return (req, res) => {
    if (req instanceof Http2ServerRequest) {
      normalizeH2Request(req);
      handler(req as unknown as IncomingMessage, res as unknown as ServerResponse);
      return;
    }
    handler(req, res as ServerResponse);
  };
}

/** True when the response goes out on an HTTP/2 stream (no connection-level headers allowed). */
export function isH2Response(res: object): res is Http2ServerResponse {
  return 'stream' in res;
}

/** An HTTP/2 request whose HEADERS frame did not carry END_STREAM: a body follows (length unknown). */
export function h2BodyFollows(req: object): boolean {
  return req instanceof Http2ServerRequest && !req.stream.endAfterHeaders;
}
