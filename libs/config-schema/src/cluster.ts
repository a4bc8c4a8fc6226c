import { z } from 'zod';
import { configChangeSchema } from './config-delta';
import { snapshotSchema } from './snapshot';
import { TARGET_STATES } from './upstream-health';

/**
 * Control plane <-> gateway protocol. All internal endpoints require
 * `Authorization: Bearer <AYA_CLUSTER_TOKEN>`.
 *
 * - Redis pub/sub channel {@link CONFIG_CHANNEL}: message = JSON {@link RevisionNotice} (changes inline
 *   up to {@link INLINE_CHANGES_MAX_BYTES}).
 * - `GET  /internal/v1/config/events` (SSE): `event: revision` with data = {@link RevisionNotice},
 *   sent once on connect and after every change; `: ping` comments keep the stream alive.
 * - `GET  /internal/v1/config?after=<rev>`: 200 {@link ConfigResponse} (the whole snapshot) when the
 *   current revision is newer than `after`, 204 when it is not.
 * - `GET  /internal/v1/config/changes?after=<rev>`: 200 {@link ConfigDelta} from `after` to the current
 *   revision, 204 when nothing is newer, 410 `AYA_CP_DELTA_UNAVAILABLE` when `after` is not a revision
 *   the control plane still keeps changes from (the gateway then pulls the whole snapshot).
 * - `POST /internal/v1/nodes/heartbeat`: body {@link Heartbeat}, answers 204.
 */
export const CONFIG_CHANNEL = 'aya:config';

/** Changes ride along in a Redis notice up to this size (JSON bytes); pg_notify, and so SSE, allows under 8000. */
export const INLINE_CHANGES_MAX_BYTES = 256 * 1024;
export const PG_NOTIFY_MAX_BYTES = 7_900;

export const INTERNAL_PATHS = {
  config: '/internal/v1/config',
  changes: '/internal/v1/config/changes',
  events: '/internal/v1/config/events',
  heartbeat: '/internal/v1/nodes/heartbeat',
} as const;

/**
 * `changes`, when present, turn revision - 1 into this revision (a small delta without certificate
 * keys rides along, so a gateway one revision behind applies it without a round trip; else it pulls).
 */
export const revisionNoticeSchema = z.object({
  revision: z.number().int().min(0),
  hash: z.string(),
  changes: z.array(configChangeSchema).optional(),
});
export type RevisionNotice = z.infer<typeof revisionNoticeSchema>;

export const configResponseSchema = z.object({
  revision: z.number().int().min(0),
  hash: z.string(),
  snapshot: snapshotSchema,
});
export type ConfigResponse = z.infer<typeof configResponseSchema>;

/** One upstream target as one gateway sees it (heartbeat `health[]`, gateway `/status` `health[]`). */
export const targetHealthSchema = z.object({
  upstreamId: z.string(),
  /** `host:port` */
  target: z.string(),
  state: z.enum(TARGET_STATES),
  /** consecutive failed requests or active checks */
  consecutiveFailures: z.number().int().min(0),
  /** requests in flight to it from this node */
  active: z.number().int().min(0),
  /** smoothed time to response headers, ms; null before any response */
  latencyMs: z.number().min(0).nullable(),
  /** ISO time of the last state change */
  since: z.string(),
});
export type TargetHealthReport = z.infer<typeof targetHealthSchema>;

export const heartbeatSchema = z.object({
  nodeId: z.string().min(1).max(128),
  hostname: z.string().max(255),
  revision: z.number().int().min(0),
  hash: z.string().max(128),
  version: z.string().max(64),
  stats: z.record(z.string(), z.number()).default({}),
  /** health of every upstream target the node balances over; absent from older gateways */
  health: z.array(targetHealthSchema).max(100_000).optional(),
});

export type Heartbeat = z.infer<typeof heartbeatSchema>;

/** A node is in sync when it reported the current revision and hash this recently. */
export const NODE_STALE_AFTER_MS = 30_000;

export interface GatewayNode {
  id: string;
  hostname: string;
  version: string;
  revision: number;
  hash: string;
  inSync: boolean;
  lastSeenAt: string;
}

export interface ConfigRevisionInfo {
  revision: number;
  hash: string;
}
