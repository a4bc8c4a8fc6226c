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
  // What an operator reads on the nodes page; each absent from older gateways.
  /** proxy processes serving on the node (cluster mode: the live workers) */
  workers: z.number().int().min(1).max(1024).optional(),
  /** when the node's process (cluster mode: the primary) started */
  startedAt: z.iso.datetime({ offset: true }).optional(),
  /** of the node's process (cluster mode: the primary) */
  pid: z.number().int().min(1).optional(),
  /** the runtime the gateway runs on, e.g. `node v22.12.0` */
  runtime: z.string().max(64).optional(),
  /** the proxy listeners as bound (HTTP, HTTPS), e.g. `http://0.0.0.0:8000`; a wildcard host is the node's address */
  proxyUrls: z.array(z.url({ protocol: /^https?$/ }).max(300)).max(8).optional(),
});

export type Heartbeat = z.infer<typeof heartbeatSchema>;

/** A node is in sync when it reported the current revision and hash this recently (the control plane's default). */
export const NODE_STALE_AFTER_MS = 30_000;

/**
 * - `in-sync`: reported the current revision and hash within the staleness limit
 * - `drifting`: reporting, but on another revision or hash (`revisionsBehind` says by how many revisions)
 * - `stale`: no heartbeat within the staleness limit (stopped, or cut off from the control plane)
 */
export const NODE_STATES = ['in-sync', 'drifting', 'stale'] as const;
export type NodeState = (typeof NODE_STATES)[number];

export interface GatewayNode {
  id: string;
  hostname: string;
  version: string;
  revision: number;
  hash: string;
  /** `state === 'in-sync'` (kept for older clients) */
  inSync: boolean;
  state: NodeState;
  /** config revisions between the node's and the current one; 0 when it is at (or past) the current one */
  revisionsBehind: number;
  /** the remote address the control plane saw the last heartbeat come from; null for rows from before it was kept */
  address: string | null;
  /** null: an older gateway that does not report it */
  workers: number | null;
  pid: number | null;
  runtime: string | null;
  startedAt: string | null;
  /** seconds from startedAt to now (a stale node: to its last heartbeat) */
  uptimeSeconds: number | null;
  /** the proxy listeners' URLs, a wildcard bind host replaced by `address` */
  proxyUrls: string[];
  lastSeenAt: string;
}

export interface ConfigRevisionInfo {
  revision: number;
  hash: string;
}
