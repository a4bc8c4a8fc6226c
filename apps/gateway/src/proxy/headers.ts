import type { Dispatcher } from 'undici';

/** Hop-by-hop headers (RFC 9110 7.6.1) plus those undici refuses or that only mean something to us. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Request-only: the gateway owns these. `expect` is answered by node:http itself. The consumer
 * headers are set by authentication only (plugins/access.ts): a client sending them is never
 * believed, on any route (one Set lookup per header, which every header pays already).
 */
const REQUEST_OWNED = new Set([
  'host',
  'expect',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-request-id',
  'x-consumer-id',
  'x-consumer-username',
  'x-consumer-custom-id',
  'x-consumer-groups',
  'x-credential-identifier',
  'x-anonymous-consumer',
]);

export function isHopByHop(lowerName: string): boolean {
  return HOP_BY_HOP.has(lowerName) || lowerName.startsWith('proxy-');
}

/** Names listed in a Connection header value are hop-by-hop for this message only. */
export function connectionTokens(value: string | undefined): Set<string> | null {
  if (!value) return null;
  // nearly every upstream answers a plain "keep-alive" (or "close"): nothing to split
  if ((value.length === 10 || value.length === 5) && /^(?:keep-alive|close)$/i.test(value)) return null;
  let tokens: Set<string> | null = null;
  for (const raw of value.split(',')) {
    const t = raw.trim().toLowerCase();
    // close / keep-alive are the common values and are already hop-by-hop
    if (t && t !== 'close' && t !== 'keep-alive') (tokens ??= new Set()).add(t);
  }
  return tokens;
}

export interface ForwardContext {
  clientIp: string;
  proto: 'http' | 'https';
  /** the Host the client asked for (empty when absent) */
  host: string;
  port: number;
  requestId: string;
}

/**
 * Builds the upstream request headers as a flat [name, value, ...] list from node's rawHeaders:
 * one pass, original casing and order kept, duplicates kept (e.g. Cookie is never merged).
 */
export function upstreamRequestHeaders(rawHeaders: readonly string[], connection: string | undefined, ctx: ForwardContext): string[] {
  const dropped = connectionTokens(connection);
  const out: string[] = [];
  let forwardedFor = '';
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    const lower = name.toLowerCase();
    if (lower === 'x-forwarded-for') {
      forwardedFor = forwardedFor ? `${forwardedFor}, ${rawHeaders[i + 1]}` : rawHeaders[i + 1];
      continue;
    }
    if (REQUEST_OWNED.has(lower) || isHopByHop(lower) || dropped?.has(lower)) continue;
    out.push(name, rawHeaders[i + 1]);
  }
  out.push('x-forwarded-for', forwardedFor ? `${forwardedFor}, ${ctx.clientIp}` : ctx.clientIp);
  out.push('x-forwarded-proto', ctx.proto);
  if (ctx.host) out.push('x-forwarded-host', ctx.host);
  out.push('x-forwarded-port', String(ctx.port));
  out.push('x-request-id', ctx.requestId);
  return out;
}

/**
 * Plugin edits of the upstream request headers (lowercase name -> value, null removes): every
 * header of that name goes, then the value is added. Plugin routes only.
 */
export function applyUpstreamHeaders(headers: string[], edits: ReadonlyMap<string, string | null>): void {
  if (edits.size === 0) return;
  let w = 0;
  for (let i = 0; i < headers.length; i += 2) {
    if (edits.has(headers[i].toLowerCase())) continue;
    headers[w++] = headers[i];
    headers[w++] = headers[i + 1];
  }
  headers.length = w;
  for (const [name, value] of edits) if (value !== null) headers.push(name, value);
}

/** A body forwarded from memory: its own Content-Length, no other framing. */
export function setContentLength(headers: string[], length: number): void {
  applyUpstreamHeaders(headers, new Map([['content-length', String(length)]]));
}

/**
 * Could this response header name be one we drop? Hop-by-hop names, proxy-*, x-request-id:
 * lengths 2/7/10/12/17 or a leading p. Most response headers (Date, Server, Content-Length,
 * Cache-Control...) fail this test, so they are forwarded without lowercasing a copy.
 */
function mayDropResponseHeader(name: string): boolean {
  const n = name.length;
  return n === 2 || n === 7 || n === 10 || n === 12 || n === 17 || (n > 6 && (name.charCodeAt(0) | 0x20) === 112) /* p */;
}

const latin1 = (v: Buffer | string): string => (typeof v === 'string' ? v : v.toString('latin1'));

/** Response headers or trailers in any form a client hands them: raw [name, value, ...] or a header object. */
export type UpstreamHeaders = Dispatcher.DispatchController['rawHeaders'];

/**
 * A flat [name, value, ...] list: raw lists as they are (HTTP/1.1: both clients keep them on the
 * controller), header objects (undici's HTTP/2 answers) one pair per value, so the repeated
 * Set-Cookie values node's http2 keeps as an array stay separate headers.
 */
export function flatHeaders(headers: UpstreamHeaders): readonly (Buffer | string)[] {
  if (Array.isArray(headers)) return headers as readonly (Buffer | string)[];
  const out: string[] = [];
  if (!headers) return out;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (Array.isArray(value)) for (const v of value) out.push(name, v);
    else if (value !== undefined) out.push(name, value);
  }
  return out;
}

/**
 * Upstream response headers (undici raw Buffers, or the lean client's strings) -> flat list for
 * res.writeHead, hop-by-hop removed. One pass; the rare Connection header naming other headers
 * filters the list after.
 */
export function downstreamResponseHeaders(raw: readonly (Buffer | string)[], requestId: string): string[] {
  const out: string[] = [];
  let dropped: Set<string> | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const name = latin1(raw[i]);
    if (mayDropResponseHeader(name)) {
      const lower = name.toLowerCase();
      if (lower === 'connection') {
        const tokens = connectionTokens(latin1(raw[i + 1]));
        if (tokens) for (const t of tokens) (dropped ??= new Set()).add(t);
        continue;
      }
      if (isHopByHop(lower) || lower === 'x-request-id') continue;
    }
    out.push(name, latin1(raw[i + 1]));
  }
  if (dropped !== null) {
    const named = dropped;
    const kept: string[] = [];
    for (let i = 0; i < out.length; i += 2) if (!named.has(out[i].toLowerCase())) kept.push(out[i], out[i + 1]);
    kept.push('x-request-id', requestId);
    return kept;
  }
  out.push('x-request-id', requestId);
  return out;
}
