import {
  ALGORITHMS,
  CpErrorCode,
  HTTP_METHODS,
  TARGET_STATES,
  configDeltaSchema,
  configResponseSchema,
  revisionNoticeSchema,
  routeCreateSchema,
  serviceCreateSchema,
  upstreamCreateSchema,
  type Certificate,
  type CpErrorBody,
  type GatewayNode,
  type Route,
  type Service,
  type Tenant,
  type Upstream,
} from '@aya/config-schema';
import { z } from 'zod';
import { ROLES } from '../auth/permissions';
import type { TargetHealth } from '../upstreams/upstream-health';

/**
 * Response bodies, as zod schemas annotated with the contract's interfaces: tsc fails when one drifts from
 * what the API returns. The contract lib has no schemas for them (responses are plain interfaces).
 */
const timestamps = { createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };

const tenant: z.ZodType<Tenant> = z.object({ id: z.uuid(), slug: z.string(), name: z.string(), ...timestamps });
// optional contract fields are returned as given (absent when not set)
const service: z.ZodType<Service> = serviceCreateSchema.omit({ name: true, url: true, connectTimeoutMs: true, readTimeoutMs: true, retries: true }).extend({
  id: z.uuid(),
  name: z.string(),
  url: z.string(),
  connectTimeoutMs: z.int(),
  readTimeoutMs: z.int(),
  retries: z.int(),
  ...timestamps,
});
const route: z.ZodType<Route> = routeCreateSchema.omit({ name: true, service: true, paths: true, methods: true, hosts: true, stripPath: true }).extend({
  id: z.uuid(),
  name: z.string(),
  serviceId: z.uuid(),
  service: z.string(),
  paths: z.array(z.string()),
  methods: z.array(z.enum(HTTP_METHODS)),
  hosts: z.array(z.string()),
  stripPath: z.boolean(),
  ...timestamps,
});
const upstream: z.ZodType<Upstream> = upstreamCreateSchema.omit({ name: true, algorithm: true, targets: true }).extend({
  id: z.uuid(),
  name: z.string(),
  algorithm: z.enum(ALGORITHMS),
  targets: z.array(z.object({ target: z.string(), weight: z.int() })),
  ...timestamps,
});
const certificate: z.ZodType<Certificate> = z.object({
  id: z.uuid(),
  snis: z.array(z.string()),
  cert: z.string(),
  hasKey: z.boolean().describe('the private key itself is never returned'),
  ...timestamps,
});
const gatewayNode: z.ZodType<GatewayNode> = z.object({
  id: z.string(),
  hostname: z.string(),
  version: z.string(),
  revision: z.int(),
  hash: z.string(),
  inSync: z.boolean(),
  lastSeenAt: z.iso.datetime(),
});
const targetHealth: z.ZodType<TargetHealth> = z.object({
  target: z.string().describe('host:port'),
  state: z.enum(TARGET_STATES).describe('the worst state any fresh node reports'),
  nodes: z.array(
    z.object({
      nodeId: z.string(),
      state: z.enum(TARGET_STATES),
      consecutiveFailures: z.int(),
      active: z.int(),
      latencyMs: z.number().nullable(),
      since: z.string(),
      lastSeenAt: z.iso.datetime(),
    }),
  ),
});
const user = z.object({ id: z.string(), username: z.string(), role: z.enum(ROLES) });
const page = (item: z.ZodType) => z.object({ data: z.array(item), next: z.string().nullable().describe('opaque cursor of the next page') });

export const errorSchema: z.ZodType<CpErrorBody> = z.object({
  error: z.object({
    code: z.enum(Object.values(CpErrorCode) as [CpErrorCode, ...CpErrorCode[]]),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** Component name -> schema of every response body. */
export const RESPONSE_SCHEMAS = {
  Tenant: tenant,
  TenantPage: page(tenant),
  Service: service,
  ServicePage: page(service),
  Route: route,
  RoutePage: page(route),
  Upstream: upstream,
  UpstreamPage: page(upstream),
  Certificate: certificate,
  CertificatePage: page(certificate),
  UpstreamHealth: z.object({ data: z.array(targetHealth) }),
  GatewayNodeList: z.object({ data: z.array(gatewayNode) }),
  RevisionNotice: revisionNoticeSchema,
  ConfigResponse: configResponseSchema,
  ConfigDelta: configDeltaSchema,
  Health: z.object({ status: z.literal('ok') }),
  LoginResult: z.object({ token: z.string(), expiresAt: z.iso.datetime(), user }),
  Me: z.object({ user }),
  Error: errorSchema,
  OpenApiDocument: z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
} satisfies Record<string, z.ZodType>;

export type ResponseName = keyof typeof RESPONSE_SCHEMAS;
/** A JSON body, a server-sent event stream, an HTML page, Prometheus metrics text, or nothing (204). */
export type ResponseKind = ResponseName | 'event-stream' | 'html' | 'prometheus' | 'none';

const crud = (tag: string, item: ResponseName, list: ResponseName): Record<string, ResponseKind> => ({
  [`${tag}.list`]: list,
  [`${tag}.get`]: item,
  [`${tag}.create`]: item,
  [`${tag}.replace`]: item,
  [`${tag}.update`]: item,
  [`${tag}.remove`]: 'none',
});

/** What each operation answers on success; the builder fails on an operation missing here. */
export const OPERATION_RESPONSES: Record<string, ResponseKind> = {
  'health.health': 'Health',
  'auth.login': 'LoginResult',
  'auth.me': 'Me',
  'auth.logout': 'none',
  ...crud('tenants', 'Tenant', 'TenantPage'),
  ...crud('services', 'Service', 'ServicePage'),
  ...crud('routes', 'Route', 'RoutePage'),
  ...crud('upstreams', 'Upstream', 'UpstreamPage'),
  'upstreams.health': 'UpstreamHealth',
  ...crud('certificates', 'Certificate', 'CertificatePage'),
  'config.revision': 'RevisionNotice',
  'nodes.list': 'GatewayNodeList',
  'internal.config': 'ConfigResponse',
  'internal.changes': 'ConfigDelta',
  'internal.stream': 'event-stream',
  'internal.heartbeat': 'none',
  'openapi.openapi': 'OpenApiDocument',
  'openapi.docs': 'html',
  'metrics.scrape': 'prometheus',
};
