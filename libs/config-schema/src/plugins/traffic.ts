import { z } from 'zod';
import { cidrSchema, pluginHeaderNameSchema } from './common';
import { corsOriginSchema, editEntrySchema, mediaRangeSchema, removeEntrySchema } from './policy-fields';

export const RATE_LIMIT_WINDOWS = ['second', 'minute', 'hour', 'day'] as const;
export type RateLimitWindow = (typeof RATE_LIMIT_WINDOWS)[number];
export const WINDOW_SECONDS: Record<RateLimitWindow, number> = { second: 1, minute: 60, hour: 3600, day: 86_400 };

/** rate-limit: several windows at once, counted per consumer / credential / ip / route / service / header value. */
export const rateLimitConfigSchema = z
  .strictObject({
    limits: z
      .array(z.strictObject({ window: z.enum(RATE_LIMIT_WINDOWS), limit: z.number().int().min(1).max(1_000_000_000) }))
      .min(1)
      .max(4),
    by: z.enum(['consumer', 'credential', 'ip', 'route', 'service', 'header']).default('consumer'),
    header: pluginHeaderNameSchema.optional(),
    /** local: per gateway node, exact across its workers; cluster: shared through Redis */
    policy: z.enum(['local', 'cluster']).default('local'),
    algorithm: z.enum(['sliding-window', 'gcra']).default('sliding-window'),
    /** cluster only: Redis unreachable -> count locally (true) or refuse with 503 (false) */
    faultTolerant: z.boolean().default(true),
    /** send RateLimit-Policy / RateLimit headers */
    hideHeaders: z.boolean().default(false),
  })
  .refine((c) => (c.by === 'header') === (c.header !== undefined), { message: 'header is required with by: "header" (and only then)', path: ['header'] })
  .refine((c) => new Set(c.limits.map((l) => l.window)).size === c.limits.length, { message: 'one limit per window', path: ['limits'] });

/** quota: requests per day / month per consumer (or credential), reset times in headers. */
export const quotaConfigSchema = z.strictObject({
  limit: z.number().int().min(1).max(1_000_000_000),
  period: z.enum(['day', 'month']),
  by: z.enum(['consumer', 'credential']).default('consumer'),
  policy: z.enum(['local', 'cluster']).default('local'),
  faultTolerant: z.boolean().default(true),
});

export const requestSizeLimitConfigSchema = z.strictObject({
  /** bytes */
  allowedPayloadSize: z.number().int().min(0).max(1_073_741_824).default(1_048_576),
  /** refuse a body without Content-Length (chunked) instead of counting it while it streams */
  requireContentLength: z.boolean().default(false),
});

export const ipRestrictionConfigSchema = z
  .strictObject({
    allow: z.array(cidrSchema).max(1024).optional(),
    deny: z.array(cidrSchema).max(1024).optional(),
    /** proxies whose X-Forwarded-For is believed (right-most untrusted address is the client) */
    trustedProxies: z.array(cidrSchema).max(256).default([]),
    status: z.number().int().min(400).max(499).default(403),
  })
  .refine((c) => c.allow !== undefined || c.deny !== undefined, { message: 'set allow, deny or both', path: ['allow'] });

export const corsConfigSchema = z.strictObject({
  /** `*`, an origin, `https://*.example.com` (any subdomain) or `~regex` (matched against the whole origin) */
  origins: z.array(corsOriginSchema).min(1).max(256).default(['*']),
  methods: z
    .array(z.string().regex(/^[A-Za-z]{1,16}$/, 'must be an HTTP method'))
    .max(16)
    .default(['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE']),
  /** request headers allowed in preflight; empty: echo Access-Control-Request-Headers */
  headers: z.array(pluginHeaderNameSchema).max(64).default([]),
  exposedHeaders: z.array(pluginHeaderNameSchema).max(64).default([]),
  /** Access-Control-Allow-Credentials; the origin is then echoed (never `*`) */
  credentials: z.boolean().default(false),
  maxAgeSeconds: z.number().int().min(0).max(86_400).default(600),
  /** answer preflights here (false) or pass OPTIONS upstream (true) */
  preflightContinue: z.boolean().default(false),
});

/** Header, query and JSON-body edits (`remove` -> `rename` -> `replace` -> `add` -> `append`, like Kong). */
function editsSchema(rename: boolean) {
  return z.strictObject({
    headers: z.array(editEntrySchema('headers', rename, 1024)).max(64).default([]),
    querystring: z.array(editEntrySchema('querystring', rename, 1024)).max(64).default([]),
    json: z.array(editEntrySchema('json', rename, 4096)).max(64).default([]),
  });
}
const removeSchema = z.strictObject({
  headers: z.array(removeEntrySchema('headers')).max(64).default([]),
  querystring: z.array(removeEntrySchema('querystring')).max(64).default([]),
  json: z.array(removeEntrySchema('json')).max(64).default([]),
});
const editDefaults = { headers: [], querystring: [], json: [] };
const responseEditDefaults = { headers: [], json: [] };

/** entries are `name:value` (`rename`: `old:new`; `json` values are JSON text or else a plain string) */
export const requestTransformerConfigSchema = z.strictObject({
  remove: removeSchema.default(editDefaults),
  rename: editsSchema(true).default(editDefaults),
  replace: editsSchema(false).default(editDefaults),
  add: editsSchema(false).default(editDefaults),
  append: editsSchema(false).default(editDefaults),
});

export const responseTransformerConfigSchema = z.strictObject({
  remove: removeSchema.omit({ querystring: true }).default(responseEditDefaults),
  rename: editsSchema(true).omit({ querystring: true }).default(responseEditDefaults),
  replace: editsSchema(false).omit({ querystring: true }).default(responseEditDefaults),
  add: editsSchema(false).omit({ querystring: true }).default(responseEditDefaults),
  append: editsSchema(false).omit({ querystring: true }).default(responseEditDefaults),
});

/** request-validator: the JSON body against a JSON Schema (draft-07, ajv), compiled when the gateway loads the config. */
export const requestValidatorConfigSchema = z.strictObject({
  bodySchema: z.record(z.string(), z.unknown()),
  /** media types accepted (`application/json`, `application/*`); others are refused with 415. Only JSON ones are validated. */
  allowedContentTypes: z.array(mediaRangeSchema).min(1).max(16).default(['application/json']),
  /** list the failing fields (`details: [{path, message}]`) in the 400 */
  verboseResponse: z.boolean().default(true),
});

/** A User-Agent rule: a regex (JavaScript syntax) that must compile, so a typo is a 400 at write time. */
const userAgentRuleSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((v) => {
    try {
      new RegExp(v);
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression');

/** bot-detection: User-Agent deny rules (regex) with allow exceptions; a built-in list of well-known bots. */
export const botDetectionConfigSchema = z.strictObject({
  allow: z.array(userAgentRuleSchema).max(128).default([]),
  deny: z.array(userAgentRuleSchema).max(128).default([]),
  /** also deny the built-in list (curl, wget, python-requests, scanners...) */
  useDefaultRules: z.boolean().default(true),
});
