import type { ServerResponse } from 'node:http';
import { ByteLru } from './byte-lru';
import { NOT_MODIFIED_HEADERS, notModified, type Conditions } from './conditional';
import { headerValue, type HeadHook } from './header-list';

export interface CacheEntry {
  readonly kind: 'entry';
  readonly status: number;
  /** as sent on the MISS, minus Content-Length / Age / X-Cache / X-Request-Id (rebuilt per hit) */
  readonly headers: readonly string[];
  readonly body: Buffer;
  readonly storedAt: number;
  /** the upstream's Age when stored, seconds */
  readonly initialAge: number;
  readonly expiresAt: number;
}

/** The request headers the upstream's Vary named for a key: the same key may vary differently later. */
interface VaryRecord {
  readonly kind: 'vary';
  readonly names: readonly string[];
}

/** Bookkeeping per entry beyond body and headers (Map slot, key, object): keeps tiny bodies honest. */
const ENTRY_OVERHEAD = 256;

export type HeaderOf = (lowerName: string) => string;

function varyPart(names: readonly string[], headerOf: HeaderOf): string {
  let out = '';
  for (const n of names) out += `\n${n}:${headerOf(n)}`;
  return out;
}

/**
 * The process-wide response store: one byte-bounded LRU holding entries and, per base key, the
 * header names its last response varied on. Lookup reads that record first so a `Vary: Cookie`
 * response is only ever served to requests with the same cookie.
 */
export class ResponseCache {
  private readonly lru: ByteLru<CacheEntry | VaryRecord>;

  constructor(
    readonly maxBytes: number,
    readonly now: () => number = Date.now,
  ) {
    this.lru = new ByteLru(maxBytes);
  }

  get bytes(): number {
    return this.lru.bytes;
  }

  lookup(baseKey: string, headerOf: HeaderOf): CacheEntry | undefined {
    const vary = this.lru.get(`v${baseKey}`);
    const key = `e${baseKey}${vary?.kind === 'vary' ? varyPart(vary.names, headerOf) : ''}`;
    const entry = this.lru.get(key);
    if (entry?.kind !== 'entry') return undefined;
    if (entry.expiresAt <= this.now()) {
      this.lru.delete(key);
      return undefined;
    }
    return entry;
  }

  store(baseKey: string, varyNames: readonly string[], headerOf: HeaderOf, entry: Omit<CacheEntry, 'kind'>): void {
    const varyKey = `v${baseKey}`;
    if (varyNames.length > 0) this.lru.set(varyKey, { kind: 'vary', names: varyNames }, ENTRY_OVERHEAD + varyNames.join().length);
    else this.lru.delete(varyKey);
    const key = `e${baseKey}${varyPart(varyNames, headerOf)}`;
    let size = ENTRY_OVERHEAD + key.length + entry.body.length;
    for (const h of entry.headers) size += h.length;
    this.lru.set(key, { kind: 'entry', ...entry }, size);
  }

  clear(): void {
    this.lru.clear();
  }
}

/**
 * Answers from an entry: Content-Length and Age are computed, the request id is this request's.
 * A conditional request the stored 200 satisfies gets a 304 with the validators and no body.
 */
export function writeHit(res: ServerResponse, cache: ResponseCache, entry: CacheEntry, requestId: string, head: boolean, conditions?: Conditions, hook?: HeadHook): number {
  const age = String(entry.initialAge + Math.floor((cache.now() - entry.storedAt) / 1000));
  if (conditions && entry.status === 200 && notModified(validatorsOf(entry), conditions)) {
    const headers: string[] = [];
    for (let i = 0; i < entry.headers.length; i += 2) {
      if (NOT_MODIFIED_HEADERS.has(entry.headers[i].toLowerCase())) headers.push(entry.headers[i], entry.headers[i + 1]);
    }
    headers.push('age', age, 'x-cache', 'HIT', 'x-request-id', requestId);
    hook?.(304, headers);
    res.writeHead(304, headers);
    res.end();
    return 304;
  }
  const headers = [...entry.headers, 'content-length', String(entry.body.length), 'age', age, 'x-cache', 'HIT', 'x-request-id', requestId];
  hook?.(entry.status, headers);
  res.writeHead(entry.status, headers);
  if (head) res.end();
  else res.end(entry.body);
  return entry.status;
}

const validatorsOf = (entry: CacheEntry) => ({ etag: headerValue(entry.headers, 'etag'), lastModified: headerValue(entry.headers, 'last-modified') });

export const DEFAULT_CACHE_MAX_BYTES = 64 * 1024 * 1024;

/** AYA_CACHE_MAX_BYTES: total bytes of the response cache per gateway process; 0 stores nothing. */
export function cacheMaxBytesFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.AYA_CACHE_MAX_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_CACHE_MAX_BYTES;
  if (!/^\d{1,15}$/.test(raw)) throw new Error(`AYA_CACHE_MAX_BYTES: must be a whole number of bytes (got "${raw}")`);
  return Number(raw);
}

// Created at import, i.e. at gateway start, so a bad AYA_CACHE_MAX_BYTES stops the process there.
let shared = new ResponseCache(cacheMaxBytesFromEnv(process.env));

export function sharedResponseCache(): ResponseCache {
  return shared;
}

/** Replaces the process-wide cache (tests: a small bound, an injected clock). */
export function configureResponseCache(options: { maxBytes?: number; now?: () => number }): ResponseCache {
  shared = new ResponseCache(options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES, options.now);
  return shared;
}
