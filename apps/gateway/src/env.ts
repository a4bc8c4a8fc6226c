import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const intervalMs = z.coerce.number().int().min(100).max(3_600_000);

const envSchema = z.object({
  AYA_PROXY_PORT: port.default(8000),
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
});

export interface GatewayEnv {
  proxyPort: number;
  proxyHost: string;
  statusPort: number;
  controlPlaneUrl: string;
  clusterToken: string;
  redisUrl: string | undefined;
  dataDir: string;
  nodeId: string | undefined;
  reconcileIntervalMs: number;
  heartbeatIntervalMs: number;
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
    statusPort: e.AYA_STATUS_PORT,
    controlPlaneUrl: e.AYA_CONTROL_PLANE_URL.replace(/\/+$/, ''),
    clusterToken: e.AYA_CLUSTER_TOKEN,
    redisUrl: e.REDIS_URL,
    dataDir: e.AYA_GATEWAY_DATA_DIR ?? `${e.AYA_DATA_DIR ?? './.aya'}/gateway`,
    nodeId: e.AYA_NODE_ID,
    reconcileIntervalMs: e.AYA_RECONCILE_INTERVAL_MS,
    heartbeatIntervalMs: e.AYA_HEARTBEAT_INTERVAL_MS,
  };
}
