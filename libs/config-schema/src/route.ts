import { z } from 'zod';
import { nameSchema } from './common';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A route path: a prefix such as `/api` (matches `/api` and `/api/...`). */
export const routePathSchema = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/, 'must start with "/" and contain only URL path characters');

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
  createdAt: string;
  updatedAt: string;
}
