import type { HeadHook } from './header-list';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CompressionAlgorithm } from '@aya/config-schema';
import { negotiateEncoding } from './accept-encoding';
import { deltaSeconds, parseCacheControl, storableTtl } from './cache-control';
import { applyCompressionHeaders, createCompressor, isCompressible } from './compression';
import { appendToken, hasHeader, headerValue } from './header-list';
import type { ResponsePolicy } from './policy';
import { sharedResponseCache, writeHit, type HeaderOf, type ResponseCache } from './response-cache';
import { CacheFill, compressSink, teeSink, type ResponseSink } from './sinks';

export type { ResponseSink } from './sinks';

/** Headers rebuilt on every hit, so never stored. */
const PER_RESPONSE = new Set(['content-length', 'age', 'x-cache', 'x-request-id', 'transfer-encoding']);

export interface PlanRequest {
  method: string;
  host: string | undefined;
  path: string;
  /** '' or '?...' */
  query: string;
  /** the consumer the route's auth plugins authenticated: an answer for one consumer is never another's */
  consumer?: string;
}

/**
 * What the route does with one request's response, decided from the request up front (encoding,
 * cache key, lookup) and from the upstream's headers in start(). Created only for routes with a
 * ResponsePolicy, so every other request keeps the proxy's plain path.
 */
export class ResponsePlan {
  /** null: the cache is not consulted for this request */
  private readonly baseKey: string | null;
  private readonly lookup: boolean;
  private readonly store: boolean;
  private readonly encoding: CompressionAlgorithm | null;
  private readonly cache: ResponseCache;
  private readonly headerOf: HeaderOf;

  constructor(
    private readonly policy: ResponsePolicy,
    private readonly req: IncomingMessage,
    private readonly request: PlanRequest,
  ) {
    this.cache = sharedResponseCache();
    this.headerOf = (name) => {
      const v = req.headers[name];
      return v === undefined ? '' : Array.isArray(v) ? v.join(', ') : v;
    };
    const comp = policy.compression;
    this.encoding = comp ? negotiateEncoding(this.headerOf('accept-encoding'), comp.algorithms) : null;
    const c = policy.cache;
    const method = request.method;
    const usable = c !== null && this.cache.maxBytes > 0 && ((method === 'GET' && c.get) || (method === 'HEAD' && c.head));
    const cc = usable ? parseCacheControl(req.headers['cache-control']) : null;
    const noStore = cc?.has('no-store') ?? false;
    // Pragma: no-cache is HTTP/1.0's Cache-Control: no-cache, honoured only without the latter
    const noCache = cc !== null && (cc.has('no-cache') || (!req.headers['cache-control'] && /no-cache/i.test(this.headerOf('pragma'))));
    this.lookup = usable && !noStore && !noCache;
    // a HEAD answer has no body to serve a GET with; it is answered from GET entries only
    this.store = usable && !noStore && method === 'GET';
    this.baseKey = this.lookup || this.store ? this.keyOf() : null;
  }

  static for(policy: ResponsePolicy | undefined, req: IncomingMessage, request: PlanRequest): ResponsePlan | undefined {
    return policy ? new ResponsePlan(policy, req, request) : undefined;
  }

  /** Answers from the cache when it can; the status sent, or 0 (go upstream). */
  serveHit(res: ServerResponse, requestId: string, hook?: HeadHook): number {
    if (!this.lookup || this.baseKey === null) return 0;
    const entry = this.cache.lookup(this.baseKey, this.headerOf);
    if (!entry) return 0;
    const conditions = { ifNoneMatch: this.headerOf('if-none-match'), ifModifiedSince: this.headerOf('if-modified-since') };
    return writeHit(res, this.cache, entry, requestId, this.request.method === 'HEAD', conditions, hook);
  }

  /**
   * Writes the response head and returns the sink the body goes through, or undefined when the
   * body passes unchanged and uncopied. `headers` is the downstream list (it is edited in place).
   */
  start(res: ServerResponse, status: number, headers: string[], resume: () => void, hook?: HeadHook): ResponseSink | undefined {
    const { policy, request } = this;
    const comp = policy.compression;
    const eligible = comp !== null && isCompressible(comp, request.method, status, headers);
    // storability and the upstream's Vary are judged on its headers, before ours are added
    const ttl = this.store ? this.ttlOf(status, headers) : 0;
    const varyNames = ttl > 0 ? varyNamesOf(headers) : [];
    // caches downstream must key on Accept-Encoding whenever the answer depends on it
    if (eligible) appendToken(headers, 'Vary', 'Accept-Encoding');
    const encoding = eligible ? this.encoding : null;
    if (encoding) applyCompressionHeaders(headers, encoding);
    if (policy.cache) headers.push('x-cache', ttl > 0 ? 'MISS' : 'BYPASS');
    // the entry keeps the head before the route's plugins edit it: a hit runs them again (per request)
    const own = hook && ttl > 0 ? [...headers] : headers;
    hook?.(status, headers);
    res.writeHead(status, headers);

    const fill = ttl > 0 ? this.fillFor(status, own, ttl, varyNames) : null;
    if (encoding) {
      const length = Number(headerValue(headers, 'content-length') || Number.NaN);
      return compressSink(res, createCompressor(encoding, Number.isFinite(length) ? length : undefined), fill, resume);
    }
    return fill ? teeSink(res, fill, resume) : undefined;
  }

  private ttlOf(status: number, headers: readonly string[]): number {
    const c = this.policy.cache;
    if (!c) return 0;
    const length = headerValue(headers, 'content-length');
    // declared too big: stream it without starting a copy that would be dropped anyway
    if (length !== '' && Number(length) > c.maxEntryBytes) return 0;
    return storableTtl({
      status,
      directives: parseCacheControl(headerValue(headers, 'cache-control')),
      hasSetCookie: hasHeader(headers, 'set-cookie'),
      vary: headerValue(headers, 'vary'),
      age: deltaSeconds(headerValue(headers, 'age').trim()) ?? 0,
      authorized: this.req.headers.authorization !== undefined,
      routeTtlSeconds: c.ttlSeconds,
      expires: headerValue(headers, 'expires'),
      date: headerValue(headers, 'date'),
      nowMs: this.cache.now(),
    });
  }

  private fillFor(status: number, headers: readonly string[], ttl: number, varyNames: readonly string[]): CacheFill | null {
    const c = this.policy.cache;
    const baseKey = this.baseKey;
    if (!c || baseKey === null) return null;
    const stored: string[] = [];
    for (let i = 0; i < headers.length; i += 2) {
      if (!PER_RESPONSE.has(headers[i].toLowerCase())) stored.push(headers[i], headers[i + 1]);
    }
    const initialAge = deltaSeconds(headerValue(headers, 'age').trim()) ?? 0;
    return new CacheFill(c.maxEntryBytes, (body) => {
      const now = this.cache.now();
      this.cache.store(baseKey, varyNames, this.headerOf, { status, headers: stored, body, storedAt: now, initialAge, expiresAt: now + ttl * 1000 });
    });
  }

  /**
   * route id + its config version + host + path (+ query) + the coding this client gets + the
   * route's own vary headers (+ the authenticated consumer, as Kong's proxy-cache). The coding stands in for Accept-Encoding: clients that negotiate
   * the same coding share one entry.
   */
  private keyOf(): string {
    const { policy, request } = this;
    const c = policy.cache;
    let key = `${policy.routeId}\n${policy.version}\n${c?.host ? (request.host ?? '').toLowerCase() : ''}\n${request.path}`;
    if (c?.query) key += request.query;
    key += `\n${this.encoding ?? 'identity'}`;
    for (const name of c?.varyHeaders ?? []) key += `\n${name}:${this.headerOf(name)}`;
    if (request.consumer !== undefined) key += `\nconsumer:${request.consumer}`;
    return key;
  }
}

function varyNamesOf(headers: readonly string[]): string[] {
  const names = headerValue(headers, 'vary')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');
  return [...new Set(names)].sort();
}
