import { z } from 'zod';

/**
 * Route-level matching predicates and traffic control. Every field is optional and has no zod
 * default: absent means the behaviour before these fields existed, so older snapshots stay valid
 * and hash the same, and the control plane can spread parsed input straight into its store.
 */

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;
export const headerNameSchema = z.string().regex(HEADER_NAME, 'must be an HTTP header name');

/** `["v2", "v3"]`: one of these exact values; `true`: present with any value. */
export const matchValueSchema = z.union([z.array(z.string().max(1024)).min(1).max(32), z.literal(true)]);
const MAX_PREDICATES = 16;
const atMostPredicates = (r: object) => Object.keys(r).length <= MAX_PREDICATES;
// `maxProperties`: the refine's limit as the OpenAPI document states it
export const headerPredicatesSchema = z.record(headerNameSchema, matchValueSchema).refine(atMostPredicates, `at most ${MAX_PREDICATES} predicates`).meta({ maxProperties: MAX_PREDICATES });
export const queryPredicatesSchema = z
  .record(z.string().min(1).max(256), matchValueSchema)
  .refine(atMostPredicates, `at most ${MAX_PREDICATES} predicates`)
  .meta({ maxProperties: MAX_PREDICATES });

/** Higher first; absent = 0. */
export const routePrioritySchema = z.number().int().min(-100_000).max(100_000);

/** Request headers the gateway owns or that frame the message: a transform may not touch them. */
const RESERVED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te', 'trailer', 'keep-alive']);
const transformNameSchema = headerNameSchema.refine((n) => !RESERVED.has(n.toLowerCase()), 'reserved header');
const headerValueSchema = z.string().max(4096).regex(/^[^\r\n\0]*$/, 'no CR, LF or NUL');

/** Applied in this order: rename, remove, set (replaces), add (appends). */
export const headerTransformSchema = z.strictObject({
  add: z.record(transformNameSchema, headerValueSchema).optional(),
  set: z.record(transformNameSchema, headerValueSchema).optional(),
  remove: z.array(transformNameSchema).max(64).optional(),
  rename: z.record(transformNameSchema, transformNameSchema).optional(),
});
export type HeaderTransform = z.infer<typeof headerTransformSchema>;

/** `$1` / `$name` refer to captures; `$$` is a literal `$`. */
const templateSchema = z.string().min(1).max(2048).regex(/^[^\r\n\0]*$/, 'no CR, LF or NUL');

export const MAX_REGEX_LENGTH = 512;

/**
 * Cheap guard against catastrophic backtracking, at admin time: a length limit, no
 * backreferences, and no quantified group that itself ends in a quantifier (`(a+)+`, `(.*)*`,
 * `(x|y+){2,}`). It refuses some harmless patterns; a priority or plain prefix does the job then.
 */
export function regexProblem(source: string): string | null {
  if (source.length > MAX_REGEX_LENGTH) return `longer than ${MAX_REGEX_LENGTH} characters`;
  try {
    new RegExp(source);
  } catch {
    return 'not a valid regular expression';
  }
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences are not allowed';
  if (/[+*}?]\)[+*{]/.test(source.replace(/\\./g, '_'))) return 'nested quantifiers are not allowed (catastrophic backtracking)';
  return null;
}
export const safeRegexSchema = z
  .string()
  .min(1)
  .max(MAX_REGEX_LENGTH)
  .superRefine((v, ctx) => {
    const problem = regexProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('a JavaScript regular expression without backreferences or nested quantifiers');

/** Applied to the upstream path after stripPath, before the service path is prepended; first match only. */
export const rewriteSchema = z.strictObject({ regex: safeRegexSchema, replacement: templateSchema });
export const REDIRECT_STATUSES = [301, 302, 307, 308] as const;
/** The gateway answers itself; `location` may use the route path's captures. */
export const redirectSchema = z.strictObject({
  status: z.union([z.literal(301), z.literal(302), z.literal(307), z.literal(308)]),
  location: templateSchema,
});
/** The gateway sets `cookie` to an opaque token of the chosen target and honours it while that target is healthy. */
export const stickySchema = z.strictObject({
  cookie: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/, 'must be a cookie name'),
  /** absent: a session cookie */
  ttlSeconds: z.number().int().min(1).max(31_536_000).optional(),
});

const splitWeightSchema = z.number().int().min(0).max(1000);

/** Admin shape: services by name or id. */
export const splitSchema = z.strictObject({
  services: z.array(z.strictObject({ service: z.string().min(1).max(128), weight: splitWeightSchema })).min(1).max(16),
  /** evaluated first, in order: the first rule whose header / cookie equals `value` picks its service */
  match: z
    .array(
      z.union([
        z.strictObject({ header: headerNameSchema, value: z.string().max(1024), service: z.string().min(1).max(128) }),
        z.strictObject({ cookie: z.string().min(1).max(128), value: z.string().max(1024), service: z.string().min(1).max(128) }),
      ]),
    )
    .max(32)
    .optional(),
});

/** Snapshot shape: the same with service ids. */
export const snapshotSplitSchema = z.object({
  services: z.array(z.object({ serviceId: z.string(), weight: z.number().int() })),
  match: z
    .array(
      z.union([
        z.object({ header: z.string(), value: z.string(), serviceId: z.string() }),
        z.object({ cookie: z.string(), value: z.string(), serviceId: z.string() }),
      ]),
    )
    .optional(),
});
export type SnapshotSplit = z.infer<typeof snapshotSplitSchema>;

/**
 * Graceful degradation: what the route answers when its service cannot be reached at all (every
 * target down or circuit-open, or every connection attempt failed before the request was sent).
 * Either another service (by name or id; stored by id) or a fixed response.
 */
export const fallbackResponseSchema = z.strictObject({
  status: z.number().int().min(200).max(599),
  body: z.string().max(65_536).optional(),
  /** absent: application/json when the body parses as JSON, else text/plain */
  contentType: headerValueSchema.optional(),
});
export const fallbackSchema = z
  .strictObject({ service: z.string().min(1).max(128).optional(), response: fallbackResponseSchema.optional() })
  .refine((f) => (f.service === undefined) !== (f.response === undefined), 'set either service or response')
  .meta({ oneOf: [{ required: ['service'] }, { required: ['response'] }] });

export const snapshotFallbackSchema = z.object({
  serviceId: z.string().optional(),
  response: z.object({ status: z.number().int(), body: z.string().optional(), contentType: z.string().optional() }).optional(),
});
export type SnapshotFallback = z.infer<typeof snapshotFallbackSchema>;

/*
 * Snapshot side: plain (stripping) objects, so a field a newer control plane adds never makes an
 * older gateway refuse the snapshot; the admin schemas above already validated the values.
 */
const snapshotTransformSchema = z.object({
  add: z.record(z.string(), z.string()).optional(),
  set: z.record(z.string(), z.string()).optional(),
  remove: z.array(z.string()).optional(),
  rename: z.record(z.string(), z.string()).optional(),
});
export const snapshotRouteTrafficFields = {
  priority: z.number().int().optional(),
  headers: z.record(z.string(), matchValueSchema).optional(),
  query: z.record(z.string(), matchValueSchema).optional(),
  split: snapshotSplitSchema.optional(),
  fallback: snapshotFallbackSchema.optional(),
  sticky: z.object({ cookie: z.string(), ttlSeconds: z.number().int().optional() }).optional(),
  rewrite: z.object({ regex: z.string(), replacement: z.string() }).optional(),
  redirect: z.object({ status: z.number().int(), location: z.string() }).optional(),
  requestHeaders: snapshotTransformSchema.optional(),
  responseHeaders: snapshotTransformSchema.optional(),
};
