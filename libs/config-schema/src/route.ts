import { z } from 'zod';
import { nameSchema } from './common';
import {
  headerPredicatesSchema,
  headerTransformSchema,
  queryPredicatesSchema,
  redirectSchema,
  regexProblem,
  rewriteSchema,
  routePrioritySchema,
  splitSchema,
  fallbackSchema,
  stickySchema,
} from './route-traffic';

export * from './route-traffic';
import { cacheSchema, compressionSchema, type CacheConfig, type CompressionConfig } from './route-response';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** `/prefix`, `=/exact` (URL path characters only) or `~regex`. */
const ROUTE_PATH = /^(=?\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*|~[\s\S]+)$/;

/**
 * A route path: a prefix such as `/api` (matches `/api` and `/api/...`), `=/api/health` (exactly
 * that path), `~^/users/(\d+)$` (a regular expression, anchored at the start), and in prefix and
 * exact paths a segment `:name` matches any one whole segment (`/users/:id/orders/:orderId`).
 */
export const routePathSchema = z
  .string()
  .min(1)
  .max(1024)
  // the shape as a pattern (stated in the OpenAPI document); a `~` path's expression is checked below
  .regex(ROUTE_PATH, 'must start with "/", "=/" or "~" and contain only URL path characters')
  .superRefine((v, ctx) => {
    const problem = v.startsWith('~') ? regexProblem(v.slice(1)) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: `regex path: ${problem}` });
  });

/** Exact host or `*.example.com` wildcard. */
export const routeHostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/, 'must be a hostname or *.domain');

export const routeCreateSchema = z.strictObject({
  name: nameSchema,
  /** service name or id */
  service: z.string().min(1).max(128),
  paths: z.array(routePathSchema).min(1).max(64),
  methods: z.array(z.enum(HTTP_METHODS)).max(HTTP_METHODS.length).optional(),
  hosts: z.array(routeHostSchema).max(64).optional(),
  stripPath: z.boolean().optional(),
  /* traffic fields: optional, no defaults (see route-traffic.ts) */
  priority: routePrioritySchema.optional(),
  headers: headerPredicatesSchema.optional(),
  query: queryPredicatesSchema.optional(),
  split: splitSchema.optional(),
  /** null clears it on update */
  fallback: fallbackSchema.nullable().optional(),
  sticky: stickySchema.optional(),
  rewrite: rewriteSchema.optional(),
  redirect: redirectSchema.optional(),
  requestHeaders: headerTransformSchema.optional(),
  responseHeaders: headerTransformSchema.optional(),
  /** absent or null: responses are neither compressed nor cached (null clears it on update) */
  compression: compressionSchema.nullable().optional(),
  cache: cacheSchema.nullable().optional(),
});
export const routeUpdateSchema = routeCreateSchema.partial();
export type RouteCreate = z.infer<typeof routeCreateSchema>;

export interface Route {
  id: string;
  name: string;
  /** id of the service */
  serviceId: string;
  /** name of the service */
  service: string;
  paths: string[];
  methods: HttpMethod[];
  hosts: string[];
  stripPath: boolean;
  /** absent when not set (rows stored before these fields map unchanged) */
  priority?: number;
  headers?: z.infer<typeof headerPredicatesSchema>;
  query?: z.infer<typeof queryPredicatesSchema>;
  split?: z.infer<typeof splitSchema>;
  fallback?: z.infer<typeof fallbackSchema> | null;
  sticky?: z.infer<typeof stickySchema>;
  rewrite?: z.infer<typeof rewriteSchema>;
  redirect?: z.infer<typeof redirectSchema>;
  requestHeaders?: z.infer<typeof headerTransformSchema>;
  responseHeaders?: z.infer<typeof headerTransformSchema>;
  compression?: CompressionConfig | null;
  cache?: CacheConfig | null;
  createdAt: string;
  updatedAt: string;
}
