import { z } from 'zod';
import { cidrSchema, pluginHeaderNameSchema } from './common';
import { safeRegexSchema } from '../route-traffic';
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
      .max(4)
      .describe('Windows enforced together: a request passes only if every one allows it'),
    by: z.enum(['consumer', 'credential', 'ip', 'route', 'service', 'header']).default('consumer').describe('What is counted: per consumer, credential, client IP, route, service or header value'),
    header: pluginHeaderNameSchema.optional().describe('Header whose value is counted (with by: header)'),
    /** local: per gateway node, exact across its workers; cluster: shared through Redis */
    policy: z.enum(['local', 'cluster']).default('local').describe('local: this gateway node, exact across its workers; cluster: shared by every gateway through Redis'),
    algorithm: z.enum(['sliding-window', 'gcra']).default('sliding-window').describe('sliding-window (two weighted fixed windows) or gcra (smooth, no bursts at window edges)'),
    /** cluster only: Redis unreachable -> count locally (true) or refuse with 503 (false) */
    faultTolerant: z.boolean().default(true).describe('cluster: when Redis is unreachable count on this node (true) or refuse with 503 (false)'),
    /** send RateLimit-Policy / RateLimit headers */
    hideHeaders: z.boolean().default(false).describe('Do not send RateLimit-Policy / RateLimit headers'),
  })
  .refine((c) => (c.by === 'header') === (c.header !== undefined), { message: 'header is required with by: "header" (and only then)', path: ['header'] })
  .refine((c) => new Set(c.limits.map((l) => l.window)).size === c.limits.length, { message: 'one limit per window', path: ['limits'] });

/** quota: requests per day / month per consumer (or credential), reset times in headers. */
export const quotaConfigSchema = z.strictObject({
  limit: z.number().int().min(1).max(1_000_000_000).describe('Requests per period'),
  period: z.enum(['day', 'month']).describe('Calendar period (UTC) the quota resets with'),
  by: z.enum(['consumer', 'credential']).default('consumer').describe('Counted per consumer or per credential'),
  policy: z.enum(['local', 'cluster']).default('local').describe('local: this gateway node; cluster: shared by every gateway through Redis'),
  faultTolerant: z.boolean().default(true).describe('cluster: when Redis is unreachable count on this node (true) or refuse with 503 (false)'),
});

export const requestSizeLimitConfigSchema = z.strictObject({
  /** bytes */
  allowedPayloadSize: z.number().int().min(0).max(1_073_741_824).default(1_048_576).describe('Largest request body, in bytes (413 above it)'),
  /** refuse a body without Content-Length (chunked) instead of counting it while it streams */
  requireContentLength: z.boolean().default(false).describe('Refuse bodies without Content-Length (411) instead of counting them as they stream'),
});

export const ipRestrictionConfigSchema = z
  .strictObject({
    allow: z.array(cidrSchema).max(1024).optional().describe('Only these addresses / CIDR blocks pass'),
    deny: z.array(cidrSchema).max(1024).optional().describe('These addresses / CIDR blocks are refused (deny wins over allow)'),
    /** proxies whose X-Forwarded-For is believed (right-most untrusted address is the client) */
    trustedProxies: z.array(cidrSchema).max(256).default([]).describe('Proxies whose X-Forwarded-For is believed'),
    status: z.number().int().min(400).max(499).default(403).describe('Status of a refusal'),
  })
  .refine((c) => c.allow !== undefined || c.deny !== undefined, { message: 'set allow, deny or both', path: ['allow'] });

export const corsConfigSchema = z.strictObject({
  /** `*`, an origin, `https://*.example.com` (any subdomain) or `~regex` (matched against the whole origin) */
  origins: z.array(corsOriginSchema).min(1).max(256).default(['*']).describe('Allowed origins: *, https://app.example.com, https://*.example.com or ~regex'),
  methods: z
    .array(z.string().regex(/^[A-Za-z]{1,16}$/, 'must be an HTTP method'))
    .max(16)
    .default(['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE']),
  /** request headers allowed in preflight; empty: echo Access-Control-Request-Headers */
  headers: z.array(pluginHeaderNameSchema).max(64).default([]).describe('Request headers allowed in preflights; empty: those the browser asks for'),
  exposedHeaders: z.array(pluginHeaderNameSchema).max(64).default([]).describe('Response headers scripts may read'),
  /** Access-Control-Allow-Credentials; the origin is then echoed (never `*`) */
  credentials: z.boolean().default(false).describe('Allow cookies and credentials (the origin is echoed, never *)'),
  maxAgeSeconds: z.number().int().min(0).max(86_400).default(600).describe('How long browsers may cache a preflight answer'),
  /** answer preflights here (false) or pass OPTIONS upstream (true) */
  preflightContinue: z.boolean().default(false).describe('Pass preflights upstream instead of answering them'),
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
  bodySchema: z.record(z.string(), z.unknown()).describe('JSON Schema the request body must match'),
  /** media types accepted (`application/json`, `application/*`); others are refused with 415. Only JSON ones are validated. */
  allowedContentTypes: z.array(mediaRangeSchema).min(1).max(16).default(['application/json']).describe('Content types accepted (others: 415); only JSON ones are validated'),
  /** list the failing fields (`details: [{path, message}]`) in the 400 */
  verboseResponse: z.boolean().default(true).describe('List each invalid field in the 400 answer'),
});

/**
 * A User-Agent rule: a regex matched against a header the client chooses, so it gets the same
 * catastrophic-backtracking guard as route regexes (a typo or `(a+)+` is a 400 at write time).
 */
const userAgentRuleSchema = safeRegexSchema;

/** bot-detection: User-Agent deny rules (regex) with allow exceptions; a built-in list of well-known bots. */
export const botDetectionConfigSchema = z.strictObject({
  allow: z.array(userAgentRuleSchema).max(128).default([]).describe('User-Agent patterns (regex) always allowed'),
  deny: z.array(userAgentRuleSchema).max(128).default([]).describe('User-Agent patterns (regex) refused'),
  /** also deny the built-in list (curl, wget, python-requests, scanners...) */
  useDefaultRules: z.boolean().default(true).describe('Also refuse the built-in list of well-known bots and scanners'),
});
