import type { ConfigKind } from '@aya/config-schema';
import { RESOURCES } from './registry';
import type { SnapshotPart } from './resource-definition';

/** Config kind -> the snapshot part of the registry entry whose rows become items of that kind. */
export const SNAPSHOT_PARTS: Partial<Record<ConfigKind, SnapshotPart>> = Object.fromEntries(
  RESOURCES.flatMap((r) => (r.configKind !== null && r.snapshot ? [[r.configKind, r.snapshot]] : [])),
);
