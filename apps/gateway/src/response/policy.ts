import { createHash } from 'node:crypto';
import {
  CACHE_DEFAULTS,
  COMPRESSION_DEFAULTS,
  canonicalJson,
  type CompressionAlgorithm,
  type Snapshot,
  type SnapshotRoute,
} from '@aya/config-schema';

export interface CompressionPolicy {
  readonly algorithms: readonly CompressionAlgorithm[];
  readonly minBytes: number;
  matches(contentType: string): boolean;
}

export interface CachePolicy {
  readonly ttlSeconds: number;
  readonly maxEntryBytes: number;
  readonly get: boolean;
  readonly head: boolean;
  /** lower-cased request header names that always split the cache */
  readonly varyHeaders: readonly string[];
  readonly query: boolean;
  readonly host: boolean;
}

/** A route's response handling, compiled with the route (off the request path). */
export interface ResponsePolicy {
  readonly routeId: string;
  /**
   * Hash of the route's and its service's config: part of every cache key, so an edited route
   * (or a service now pointing elsewhere) never answers from entries the old config produced.
   */
  readonly version: string;
  readonly compression: CompressionPolicy | null;
  readonly cache: CachePolicy | null;
}

/** `type/subtype` patterns with at most one `*`, matched on the media type without parameters. */
export function contentTypeMatcher(patterns: readonly string[]): (contentType: string) => boolean {
  const exact = new Set<string>();
  const wild: { prefix: string; suffix: string }[] = [];
  for (const p of patterns) {
    const lower = p.toLowerCase();
    const star = lower.indexOf('*');
    if (star < 0) exact.add(lower);
    else wild.push({ prefix: lower.slice(0, star), suffix: lower.slice(star + 1) });
  }
  return (contentType) => {
    const semi = contentType.indexOf(';');
    const media = (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
    if (exact.has(media)) return true;
    return wild.some((w) => media.length >= w.prefix.length + w.suffix.length && media.startsWith(w.prefix) && media.endsWith(w.suffix));
  };
}

/** undefined when the route neither compresses nor caches: the proxy then takes its plain path. */
export function compileResponsePolicy(route: SnapshotRoute, snapshot: Pick<Snapshot, 'services'>): ResponsePolicy | undefined {
  const c = route.compression?.enabled ? route.compression : null;
  const k = route.cache ?? null;
  if (!c && !k) return undefined;
  const service = snapshot.services.find((s) => s.id === route.serviceId);
  const version = createHash('sha256').update(canonicalJson({ route, service })).digest('base64url').slice(0, 16);
  return {
    routeId: route.id,
    version,
    compression: c && {
      algorithms: c.algorithms ?? COMPRESSION_DEFAULTS.algorithms,
      minBytes: c.minBytes ?? COMPRESSION_DEFAULTS.minBytes,
      matches: contentTypeMatcher(c.contentTypes ?? COMPRESSION_DEFAULTS.contentTypes),
    },
    cache: k && {
      ttlSeconds: k.ttlSeconds,
      maxEntryBytes: k.maxEntryBytes ?? CACHE_DEFAULTS.maxEntryBytes,
      get: (k.methods ?? CACHE_DEFAULTS.methods).includes('GET'),
      head: (k.methods ?? CACHE_DEFAULTS.methods).includes('HEAD'),
      varyHeaders: (k.varyHeaders ?? []).map((h) => h.toLowerCase()),
      query: k.cacheKey?.query ?? true,
      host: k.cacheKey?.host ?? true,
    },
  };
}
