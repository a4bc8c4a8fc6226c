import { z } from 'zod';
import { snapshotCertificateSchema } from './certificate';
import { snapshotConsumerSchema, snapshotCredentialSchema, type SnapshotConsumer, type SnapshotCredential } from './consumer';
import { snapshotPluginSchema, type SnapshotPlugin } from './plugin';
import {
  snapshotRouteSchema,
  snapshotServiceSchema,
  snapshotUpstreamSchema,
  type Snapshot,
  type SnapshotRoute,
  type SnapshotService,
  type SnapshotUpstream,
} from './snapshot';
import type { SnapshotCertificate } from './certificate';

/**
 * A snapshot is a set of items of a few kinds, each with an id. Config changes travel as items put or
 * deleted (a delta), so a change costs what it changes, not the size of the whole config.
 */
export const CONFIG_KINDS = ['service', 'route', 'upstream', 'certificate', 'plugin', 'consumer', 'credential'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

export interface ConfigItemOf {
  service: SnapshotService;
  route: SnapshotRoute;
  upstream: SnapshotUpstream;
  certificate: SnapshotCertificate;
  plugin: SnapshotPlugin;
  consumer: SnapshotConsumer;
  credential: SnapshotCredential;
}
export type ConfigItem = ConfigItemOf[ConfigKind];

/** The snapshot list each kind lives in. */
export const SNAPSHOT_LIST = {
  service: 'services',
  route: 'routes',
  upstream: 'upstreams',
  certificate: 'certificates',
  plugin: 'plugins',
  consumer: 'consumers',
  credential: 'credentials',
} as const satisfies Record<ConfigKind, keyof Snapshot>;

export const CONFIG_ITEM_SCHEMA = {
  service: snapshotServiceSchema,
  route: snapshotRouteSchema,
  upstream: snapshotUpstreamSchema,
  certificate: snapshotCertificateSchema,
  plugin: snapshotPluginSchema,
  consumer: snapshotConsumerSchema,
  credential: snapshotCredentialSchema,
} as const;

/** Every item of a snapshot with its kind, in list order. */
export function* snapshotItems(snapshot: Snapshot): Generator<[ConfigKind, ConfigItem]> {
  for (const kind of CONFIG_KINDS) {
    for (const item of snapshot[SNAPSHOT_LIST[kind]] ?? []) yield [kind, item];
  }
}

/**
 * One changed item: `item` is the whole new item, or null when it was deleted. The item stays loose
 * here on purpose: a gateway hashes it exactly as sent, then checks it with CONFIG_ITEM_SCHEMA[kind]
 * (which strips fields a newer control plane added).
 */
export const configChangeSchema = z.object({
  kind: z.enum(CONFIG_KINDS),
  id: z.string().min(1),
  item: z.record(z.string(), z.unknown()).nullable(),
});
export type ConfigChange = z.infer<typeof configChangeSchema>;

/**
 * `GET /internal/v1/config/changes?after=<from>`: what turns the snapshot of revision `from` into the
 * one of `revision` (hash `hash`), at most one change per item (the last one wins).
 */
export const configDeltaSchema = z.object({
  from: z.number().int().min(0),
  revision: z.number().int().min(0),
  hash: z.string(),
  changes: z.array(configChangeSchema),
});
export type ConfigDelta = z.infer<typeof configDeltaSchema>;

/** Merges per-revision change lists (oldest first) into one: the last change of each item wins, first-seen order kept. */
export function mergeChanges(lists: Iterable<readonly ConfigChange[]>): ConfigChange[] {
  const merged = new Map<string, ConfigChange>();
  for (const list of lists) for (const c of list) merged.set(`${c.kind}/${c.id}`, c);
  return [...merged.values()];
}
