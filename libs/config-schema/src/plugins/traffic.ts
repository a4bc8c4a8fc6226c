import { z } from 'zod';
import { cidrSchema, pluginHeaderNameSchema } from './common';

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

/** `*` or an origin (`https://app.example.com`), `https://*.example.com` wildcard, or `~regex`. */
const originPattern = z.string().min(1).max(512);

export const corsConfigSchema = z.strictObject({
  origins: z.array(originPattern).min(1).max(256).default(['*']),
  methods: z.array(z.string().min(1).max(16)).max(16).default(['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE']),
  /** request headers allowed in preflight; empty: echo Access-Control-Request-Headers */
  headers: z.array(pluginHeaderNameSchema).max(64).default([]),
  exposedHeaders: z.array(pluginHeaderNameSchema).max(64).default([]),
  credentials: z.boolean().default(false),
  maxAgeSeconds: z.number().int().min(0).max(86_400).default(600),
  /** answer preflights here (true) or pass OPTIONS upstream */
  preflightContinue: z.boolean().default(false),
});

/** Header, query and JSON-body edits (`remove` -> `rename` -> `replace` -> `add` -> `append`, like Kong). */
const editsSchema = z.strictObject({
  headers: z.array(z.string().min(1).max(1024)).max(64).default([]),
  querystring: z.array(z.string().min(1).max(1024)).max(64).default([]),
  json: z.array(z.string().min(1).max(4096)).max(64).default([]),
});
const removeSchema = z.strictObject({
  headers: z.array(pluginHeaderNameSchema).max(64).default([]),
  querystring: z.array(z.string().min(1).max(256)).max(64).default([]),
  json: z.array(z.string().min(1).max(256)).max(64).default([]),
});
const editDefaults = { headers: [], querystring: [], json: [] };

/** entries are `name:value` (`json` values are JSON text or a plain string) */
export const requestTransformerConfigSchema = z.strictObject({
  remove: removeSchema.default(editDefaults),
  rename: editsSchema.default(editDefaults),
  replace: editsSchema.default(editDefaults),
  add: editsSchema.default(editDefaults),
  append: editsSchema.default(editDefaults),
});

export const responseTransformerConfigSchema = z.strictObject({
  remove: removeSchema.omit({ querystring: true }).default({ headers: [], json: [] }),
  rename: editsSchema.omit({ querystring: true }).default({ headers: [], json: [] }),
  replace: editsSchema.omit({ querystring: true }).default({ headers: [], json: [] }),
  add: editsSchema.omit({ querystring: true }).default({ headers: [], json: [] }),
  append: editsSchema.omit({ querystring: true }).default({ headers: [], json: [] }),
});

/** request-validator: the JSON body (and optionally parameters) against a JSON Schema, compiled at config time. */
export const requestValidatorConfigSchema = z.strictObject({
  bodySchema: z.record(z.string(), z.unknown()),
  /** content types validated; others are refused with 415 unless allowed */
  allowedContentTypes: z.array(z.string().min(1).max(128)).min(1).max(16).default(['application/json']),
  verboseResponse: z.boolean().default(true),
});

/** bot-detection: User-Agent deny rules (regex) with allow exceptions; a built-in list of well-known bots. */
export const botDetectionConfigSchema = z.strictObject({
  allow: z.array(z.string().min(1).max(512)).max(128).default([]),
  deny: z.array(z.string().min(1).max(512)).max(128).default([]),
  /** also deny the built-in list (curl, wget, python-requests, scanners...) */
  useDefaultRules: z.boolean().default(true),
});
