import { z } from 'zod';
import { snapshotSchema } from './snapshot';

/**
 * Control plane <-> gateway protocol. All internal endpoints require
 * `Authorization: Bearer <AYA_CLUSTER_TOKEN>`.
 *
 * - Redis pub/sub channel {@link CONFIG_CHANNEL}: message = JSON {@link RevisionNotice}.
 * - `GET  /internal/v1/config/events` (SSE): `event: revision` with data = {@link RevisionNotice},
 *   sent once on connect and after every change; `: ping` comments keep the stream alive.
 * - `GET  /internal/v1/config?after=<rev>`: 200 {@link ConfigResponse} when the current revision is
 *   newer than `after`, 204 when it is not.
 * - `POST /internal/v1/nodes/heartbeat`: body {@link Heartbeat}, answers 204.
 */
export const CONFIG_CHANNEL = 'aya:config';

export const INTERNAL_PATHS = {
  config: '/internal/v1/config',
  events: '/internal/v1/config/events',
  heartbeat: '/internal/v1/nodes/heartbeat',
} as const;

export const revisionNoticeSchema = z.object({ revision: z.number().int().min(0), hash: z.string() });
export type RevisionNotice = z.infer<typeof revisionNoticeSchema>;

export const configResponseSchema = z.object({
  revision: z.number().int().min(0),
  hash: z.string(),
  snapshot: snapshotSchema,
});
export type ConfigResponse = z.infer<typeof configResponseSchema>;

export const heartbeatSchema = z.object({
  nodeId: z.string().min(1).max(128),
  hostname: z.string().max(255),
  revision: z.number().int().min(0),
  hash: z.string().max(128),
  version: z.string().max(64),
  stats: z.record(z.string(), z.number()).default({}),
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
