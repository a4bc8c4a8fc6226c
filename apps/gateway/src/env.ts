import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DEFAULT_LIMITS, type ProxyLimits } from './proxy/limits';

const port = z.coerce.number().int().min(0).max(65535);
const intervalMs = z.coerce.number().int().min(100).max(3_600_000);
const timeoutMs = z.coerce.number().int().min(10).max(86_400_000);
/** An optional listener: a port, or 0 / "off" for none. */
const optionalPort = z
  .string()
  .regex(/^(off|\d{1,5})$/, 'must be a port or "off"')
  .transform((v) => (v === 'off' || v === '0' ? null : Number(v)))
  .refine((v) => v === null || v <= 65535, 'must be a port or "off"');
const bytes = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  AYA_PROXY_PORT: port.default(8000),
  AYA_PROXY_TLS_PORT: optionalPort.default(8443),
  AYA_PROXY_H2C_PORT: optionalPort.default(null),
  AYA_PROXY_HOST: z.string().min(1).default('0.0.0.0'),
  AYA_STATUS_PORT: port.default(8100),
  AYA_CONTROL_PLANE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8001'),
  AYA_CLUSTER_TOKEN: z.string().min(1, 'is required'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  AYA_DATA_DIR: z.string().min(1).optional(),
  AYA_GATEWAY_DATA_DIR: z.string().min(1).optional(),
  AYA_NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,128}$/, 'must be 1-128 chars of [A-Za-z0-9._-]')
    .optional(),
  AYA_RECONCILE_INTERVAL_MS: intervalMs.default(5000),
  AYA_HEARTBEAT_INTERVAL_MS: intervalMs.default(5000),
  AYA_MAX_BODY_BYTES: bytes(0, Number.MAX_SAFE_INTEGER).default(DEFAULT_LIMITS.maxBodyBytes),
  // node's parser takes at most ~2 GiB; below 1 KiB no real client gets through
  AYA_MAX_HEADER_BYTES: bytes(1024, 1024 * 1024).default(DEFAULT_LIMITS.maxHeaderBytes),
  AYA_MAX_HEADER_COUNT: z.coerce.number().int().min(8).max(10_000).default(DEFAULT_LIMITS.maxHeaderCount),
  AYA_HEADERS_TIMEOUT_MS: timeoutMs.default(DEFAULT_LIMITS.headersTimeoutMs),
  AYA_REQUEST_TIMEOUT_MS: timeoutMs.default(DEFAULT_LIMITS.requestTimeoutMs),
  AYA_KEEPALIVE_TIMEOUT_MS: timeoutMs.default(DEFAULT_LIMITS.keepAliveTimeoutMs),
  AYA_DRAIN_TIMEOUT_MS: timeoutMs.default(10_000),
  /** 0 = one per core */
  AYA_GATEWAY_WORKERS: z.coerce.number().int().min(0).max(256).default(0),
  /** plain-HTTP targets: the lean HTTP/1.1 client (proxy/h1-pool.ts) or undici for everything */
  AYA_UPSTREAM_CLIENT: z.enum(['lean', 'undici']).default('lean'),
});

export interface GatewayEnv {
  proxyPort: number;
  proxyHost: string;
  /** HTTPS listener; null: off */
  tlsPort: number | null;
  /** AYA_PROXY_TLS_PORT was set: failing to bind it is fatal (the default 8443 is best-effort) */
  tlsPortRequired: boolean;
  /** h2c (prior knowledge) listener; null: off */
  h2cPort: number | null;
  statusPort: number;
  controlPlaneUrl: string;
  clusterToken: string;
  redisUrl: string | undefined;
  dataDir: string;
  nodeId: string | undefined;
  reconcileIntervalMs: number;
  heartbeatIntervalMs: number;
  limits: ProxyLimits;
  drainTimeoutMs: number;
  /** proxy worker processes; 1 = the gateway runs in this process, no cluster */
  workers: number;
  /** 'undici': no lean HTTP/1.1 client (an escape hatch, and A/B measurements) */
  upstreamClient: 'lean' | 'undici';
}

export class EnvError extends Error {
  readonly code = 'AYA_GW_ENV';
}

/** Empty strings count as unset, so `FOO= node main.js` behaves like no FOO at all. */
function withoutEmpty(source: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/** Validates the environment; throws an EnvError whose message names the first bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const present = withoutEmpty(source);
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    const message = present[name] === undefined ? 'is required' : issue.message;
    throw new EnvError(`invalid environment variable ${name}: ${message}`);
  }
  const e = parsed.data;
  return {
    proxyPort: e.AYA_PROXY_PORT,
    proxyHost: e.AYA_PROXY_HOST,
    tlsPort: e.AYA_PROXY_TLS_PORT,
    tlsPortRequired: present.AYA_PROXY_TLS_PORT !== undefined,
    h2cPort: e.AYA_PROXY_H2C_PORT,
    statusPort: e.AYA_STATUS_PORT,
    controlPlaneUrl: e.AYA_CONTROL_PLANE_URL.replace(/\/+$/, ''),
    clusterToken: e.AYA_CLUSTER_TOKEN,
    redisUrl: e.REDIS_URL,
    dataDir: e.AYA_GATEWAY_DATA_DIR ?? `${e.AYA_DATA_DIR ?? './.aya'}/gateway`,
    nodeId: e.AYA_NODE_ID,
    reconcileIntervalMs: e.AYA_RECONCILE_INTERVAL_MS,
    heartbeatIntervalMs: e.AYA_HEARTBEAT_INTERVAL_MS,
    limits: {
      maxBodyBytes: e.AYA_MAX_BODY_BYTES,
      maxHeaderBytes: e.AYA_MAX_HEADER_BYTES,
      maxHeaderCount: e.AYA_MAX_HEADER_COUNT,
      headersTimeoutMs: e.AYA_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.AYA_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.AYA_KEEPALIVE_TIMEOUT_MS,
    },
    drainTimeoutMs: e.AYA_DRAIN_TIMEOUT_MS,
    workers: e.AYA_GATEWAY_WORKERS === 0 ? availableParallelism() : e.AYA_GATEWAY_WORKERS,
    upstreamClient: e.AYA_UPSTREAM_CLIENT,
  };
}
