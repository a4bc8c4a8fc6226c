import type { Snapshot } from '@aya/config-schema';
import type { SecretBox } from './secret-box';

/**
 * Snapshots are built and stored with certificate keys sealed (as in the certificates table), so no clear key
 * ever reaches Postgres; the hash is over the unsealed snapshot, which only the internal endpoint serves.
 */
export function unsealSnapshot(snapshot: Snapshot, box: SecretBox): Snapshot {
  if (!snapshot.certificates?.some((c) => c.key !== undefined)) return snapshot;
  return {
    ...snapshot,
    certificates: snapshot.certificates.map((c) => (c.key === undefined ? c : { ...c, key: box.open(c.key) })),
  };
}
