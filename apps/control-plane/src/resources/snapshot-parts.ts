import type { ConfigKind } from '@aya/config-schema';
import { PLUGINS_SNAPSHOT } from '../plugins/plugins.snapshot';
import { RESOURCES } from './registry';
import type { SnapshotPart } from './resource-definition';

/** Parts of kinds whose resources are not registry entries yet (their controllers are still written by hand). */
const UNREGISTERED: Partial<Record<ConfigKind, SnapshotPart>> = { plugin: PLUGINS_SNAPSHOT };

/** Config kind -> the snapshot part whose rows become items of that kind (a registry entry's, derived). */
export const SNAPSHOT_PARTS: Partial<Record<ConfigKind, SnapshotPart>> = {
  ...UNREGISTERED,
  ...Object.fromEntries(RESOURCES.flatMap((r) => (r.configKind !== null && r.snapshot ? [[r.configKind, r.snapshot]] : []))),
};
