import { z } from 'zod';

/**
 * Per-route response handling: compression and caching. Both are optional on a route and carry
 * no zod defaults, so a route without them behaves exactly as before and older snapshots hash the
 * same; the gateway applies the documented defaults (COMPRESSION_DEFAULTS / CACHE_DEFAULTS).
 */

export const COMPRESSION_ALGORITHMS = ['br', 'gzip'] as const;
export type CompressionAlgorithm = (typeof COMPRESSION_ALGORITHMS)[number];

/** `text/*`, `application/json`, `application/*+json`: at most one `*`. */
export const contentTypePatternSchema = z
  .string()
  .min(3)
  .max(128)
  // no `i` flag: a JSON Schema pattern has none, and the OpenAPI document is generated from this one
  .regex(/^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]*\*?[A-Za-z0-9!#$&^_.+-]*$/, 'must be type/subtype, at most one `*` (in the subtype)');

export const compressionSchema = z.strictObject({
  enabled: z.boolean(),
  /** server preference order when the client accepts several with the same q */
  algorithms: z.array(z.enum(COMPRESSION_ALGORITHMS)).min(1).max(COMPRESSION_ALGORITHMS.length).optional(),
  /** responses with a smaller Content-Length are sent as they are; unknown length is compressed */
  minBytes: z.number().int().min(0).max(1_073_741_824).optional(),
  contentTypes: z.array(contentTypePatternSchema).min(1).max(64).optional(),
});
export type CompressionConfig = z.infer<typeof compressionSchema>;

export const COMPRESSION_DEFAULTS = {
  algorithms: ['br', 'gzip'] as CompressionAlgorithm[],
  minBytes: 1024,
  contentTypes: [
    'text/*',
    'application/json',
    'application/*+json',
    'application/javascript',
    'application/x-javascript',
    'application/xml',
    'application/*+xml',
    'application/wasm',
    'image/svg+xml',
  ],
};

export const CACHE_METHODS = ['GET', 'HEAD'] as const;

const headerNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name');

export const cacheSchema = z.strictObject({
  /** upper bound; an upstream s-maxage / max-age can only shorten it */
  ttlSeconds: z.number().int().min(1).max(31_536_000),
  /** larger responses are streamed without being stored */
  maxEntryBytes: z.number().int().min(1).max(67_108_864).optional(),
  /** request methods answered from the cache; a HEAD is answered from the GET entry */
  methods: z.array(z.enum(CACHE_METHODS)).min(1).max(CACHE_METHODS.length).optional(),
  /** request headers that always split the cache (on top of the upstream's Vary) */
  varyHeaders: z.array(headerNameSchema).max(16).optional(),
  cacheKey: z
    .strictObject({
      /** include the query string (default true) */
      query: z.boolean().optional(),
      /** include the Host header (default true) */
      host: z.boolean().optional(),
    })
    .optional(),
});
export type CacheConfig = z.infer<typeof cacheSchema>;

export const CACHE_DEFAULTS = {
  maxEntryBytes: 1_048_576,
  methods: ['GET', 'HEAD'] as (typeof CACHE_METHODS)[number][],
};
