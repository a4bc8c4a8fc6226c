import { z } from 'zod';
import { isValidRegex } from './common';

/**
 * Health of upstream targets. Active checks probe each target off the request path; passive
 * checks and the circuit breaker read the outcomes of real requests.
 */
const ms = (max: number) => z.number().int().min(1).max(max);
const threshold = z.number().int().min(1).max(100);
const status = z.number().int().min(100).max(599);

export const activeHealthCheckSchema = z.strictObject({
  /** https: the same request over TLS (Kong's `https` checks) */
  type: z.enum(['http', 'https', 'tcp']).default('http'),
  /** https only: verify the target's certificate against the system CAs; absent = verify */
  tlsVerify: z.boolean().optional(),
  /** https only: the SNI / name to verify; absent = the target's host when it is a name */
  tlsServerName: z.string().min(1).max(253).optional(),
  /** http(s) only */
  path: z.string().startsWith('/').max(2048).default('/'),
  method: z.enum(['GET', 'HEAD']).default('GET'),
  /** empty: any 2xx or 3xx */
  expectedStatuses: z.array(status).max(100).default([]),
  /** when set, the body (first 64 KiB) must match */
  bodyRegex: z
    .string()
    .max(512)
    .refine(isValidRegex, 'must be a valid regular expression')
    .optional(),
  intervalMs: ms(3_600_000).default(5_000),
  timeoutMs: ms(60_000).default(2_000),
  /** consecutive successes that mark an unhealthy target healthy */
  healthyThreshold: threshold.default(2),
  /** consecutive failures that mark a healthy target unhealthy */
  unhealthyThreshold: threshold.default(2),
});

export const passiveHealthCheckSchema = z.strictObject({
  /** consecutive failed requests (connect errors, timeouts, `unhealthyStatuses`) before the target is skipped */
  unhealthyThreshold: threshold.default(5),
  unhealthyStatuses: z.array(status).max(100).default([500, 502, 503, 504]),
  /** skipped this long, unless an active check brings it back sooner */
  cooldownMs: ms(3_600_000).default(30_000),
});

export const healthChecksSchema = z.strictObject({
  active: activeHealthCheckSchema.nullable().default(null),
  passive: passiveHealthCheckSchema.nullable().default(null),
});

export const circuitBreakerSchema = z.strictObject({
  /** consecutive failed requests that open the breaker */
  failureThreshold: threshold.default(5),
  /** how long it stays open before letting probes through (half-open) */
  openMs: ms(3_600_000).default(30_000),
  /** requests let through while half-open; that many successes close it, one failure reopens it */
  halfOpenProbes: threshold.default(1),
});

export type ActiveHealthCheck = z.infer<typeof activeHealthCheckSchema>;
export type PassiveHealthCheck = z.infer<typeof passiveHealthCheckSchema>;
export type HealthChecks = z.infer<typeof healthChecksSchema>;
export type CircuitBreakerConfig = z.infer<typeof circuitBreakerSchema>;

/** Target states as the gateway reports them (heartbeat, /status). */
export const TARGET_STATES = ['healthy', 'unhealthy', 'open', 'half-open'] as const;
export type TargetState = (typeof TARGET_STATES)[number];

/** Worse first wins when views of one target are combined: a target one node cannot use is reported as such. */
export const TARGET_STATE_SEVERITY: Readonly<Record<TargetState, number>> = { healthy: 0, 'half-open': 1, open: 2, unhealthy: 3 };

export function worseState(a: TargetState, b: TargetState): TargetState {
  return TARGET_STATE_SEVERITY[b] > TARGET_STATE_SEVERITY[a] ? b : a;
}

/** `GET /api/v1/tenants/{t}/upstreams/{u}/health`: one gateway node's view of one target. */
export interface NodeTargetHealth {
  nodeId: string;
  state: TargetState;
  consecutiveFailures: number;
  /** requests in flight from that node */
  active: number;
  latencyMs: number | null;
  since: string;
  lastSeenAt: string;
}

/** `GET /api/v1/tenants/{t}/upstreams/{u}/health`: one target over every node in sync. */
export interface UpstreamTargetHealth {
  /** `host:port` */
  target: string;
  /** the worst state any node reports */
  state: TargetState;
  nodes: NodeTargetHealth[];
}

/** One point of a target's recent health: over the sample interval starting `at`, the worst state any node reported. */
export interface TargetHealthSample {
  /** ISO start of the interval */
  at: string;
  state: TargetState;
  /** mean over the nodes that measured one; null before any response */
  latencyMs: number | null;
}

/** `GET /api/v1/tenants/{t}/upstreams/{u}/health`: health now, and the samples the control plane kept from heartbeats. */
export interface UpstreamHealth {
  data: UpstreamTargetHealth[];
  /** per target, oldest sample first; also targets no fresh node reports any more */
  history: Array<{ target: string; samples: TargetHealthSample[] }>;
  /** the length of a sample interval (AYA_HEALTH_SAMPLE_MS): a missing interval is a gap in the chart */
  sampleMs: number;
}

/** `GET /api/v1/tenants/{t}/upstream-health?ids=`: health now of several upstreams (a list page's), in one call. */
export interface UpstreamHealthBatch {
  data: Array<{ upstreamId: string; targets: UpstreamTargetHealth[] }>;
}
