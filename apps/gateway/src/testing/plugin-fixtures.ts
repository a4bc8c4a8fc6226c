import type { SnapshotConsumer, SnapshotCredential, SnapshotPlugin } from '@aya/config-schema';
import { sha256Hex } from '@aya/config-schema/secrets';

/** Test-only builders of the snapshot's plugins, consumers and credentials (tenant `default`). */

export function plugin(id: string, name: string, config: Record<string, unknown> = {}, over: Partial<SnapshotPlugin> = {}): SnapshotPlugin {
  return { id, tenant: 'default', name, enabled: true, config, serviceId: null, routeId: null, consumerId: null, ...over };
}

export function consumer(id: string, username: string, over: Partial<SnapshotConsumer> = {}): SnapshotConsumer {
  return { id, tenant: 'default', username, customId: null, groups: [], ...over };
}

/** a key-auth credential of `consumerId` for the plain key `key` (stored as its sha256, as the control plane ships it) */
export function keyCredential(id: string, consumerId: string, key: string, expiresAt: string | null = null): SnapshotCredential {
  return { type: 'key-auth', id, tenant: 'default', consumerId, keyHash: sha256Hex(key), expiresAt };
}
