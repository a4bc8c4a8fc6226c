import { z } from 'zod';
import { HTTP_METHODS, snapshotRouteTrafficFields } from './route';
import { cacheSchema, compressionSchema } from './route-response';
import { snapshotCertificateSchema } from './certificate';
import { snapshotConsumerSchema, snapshotCredentialSchema } from './consumer';
import { snapshotPluginSchema } from './plugin';
import { SERVICE_PROTOCOLS, retryBudgetSchema, serviceTlsFields } from './service';
import { ALGORITHMS, circuitBreakerSchema, hashOnSchema, healthChecksSchema } from './upstream';

/**
 * The config snapshot: everything a gateway needs, compiled by the control plane at each revision.
 * Names are resolved to ids here so the gateway never resolves anything at request time.
 */
export const snapshotServiceSchema = z.object({
  id: z.string(),
  tenant: z.string(),
  name: z.string(),
  protocol: z.enum(SERVICE_PROTOCOLS),
  /** set when the service points at a single host (http(s)://host:port) */
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  /** set when the service url is upstream://<name> */
  upstreamId: z.string().nullable(),
  /** path prefix prepended to the forwarded path ("/" for none) */
  path: z.string(),
  connectTimeoutMs: z.number().int(),
  readTimeoutMs: z.number().int(),
  retries: z.number().int(),
  /*
   * Optional (not defaulted) so snapshots from control planes that predate them stay valid and hash
   * the same; the gateway applies SERVICE_DEFAULTS / RETRY_BUDGET_DEFAULTS when absent.
   */
  sendTimeoutMs: z.number().int().optional(),
  totalTimeoutMs: z.number().int().nullable().optional(),
  retryBudget: retryBudgetSchema.optional(),
  /* upstream TLS, optional for the same reason: absent = verify, SNI = target host, no client cert */
  ...serviceTlsFields,
});

export const snapshotRouteSchema = z.object({
  id: z.string(),
  tenant: z.string(),
  name: z.string(),
  serviceId: z.string(),
  paths: z.array(z.string()),
  /** empty: every method */
  methods: z.array(z.enum(HTTP_METHODS)),
  /** empty: every host */
  hosts: z.array(z.string()),
  stripPath: z.boolean(),
  /* traffic fields: optional, no defaults: absent = the behaviour before them (see route-traffic.ts) */
  ...snapshotRouteTrafficFields,
  /*
   * optional for older snapshots: absent (or null) = off; omit rather than null so hashes stay put.
   * strip(): a field a newer control plane adds must not make an older gateway refuse the snapshot.
   */
  compression: compressionSchema.strip().nullable().optional(),
  cache: cacheSchema.strip().nullable().optional(),
});

export const snapshotUpstreamSchema = z.object({
  id: z.string(),
  tenant: z.string(),
  name: z.string(),
  algorithm: z.enum(ALGORITHMS),
  targets: z.array(z.object({ host: z.string(), port: z.number().int(), weight: z.number().int() })),
  /* optional for older snapshots: absent = {type:'ip'}, no health checks, no breaker */
  hashOn: hashOnSchema.optional(),
  healthChecks: healthChecksSchema.optional(),
  circuitBreaker: circuitBreakerSchema.nullable().optional(),
});

export const snapshotSchema = z.object({
  revision: z.number().int().min(0),
  services: z.array(snapshotServiceSchema),
  routes: z.array(snapshotRouteSchema),
  upstreams: z.array(snapshotUpstreamSchema),
  /** TLS certificates (HTTPS listener by SNI, upstream client certs / CAs by id); absent = none */
  certificates: z.array(snapshotCertificateSchema).optional(),
  /** plugin instances (global / service / route / consumer scope); absent = none */
  plugins: z.array(snapshotPluginSchema).optional(),
  /** consumers and their credentials (secrets hashed or sealed); absent = none */
  consumers: z.array(snapshotConsumerSchema).optional(),
  credentials: z.array(snapshotCredentialSchema).optional(),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
export type SnapshotService = z.infer<typeof snapshotServiceSchema>;
export type SnapshotRoute = z.infer<typeof snapshotRouteSchema>;
export type SnapshotUpstream = z.infer<typeof snapshotUpstreamSchema>;

export const emptySnapshot = (): Snapshot => ({ revision: 0, services: [], routes: [], upstreams: [] });

/* canonicalJson (the hash input) lives in its own file: a specialised serializer, see there */
export { canonicalJson } from './canonical-json';
