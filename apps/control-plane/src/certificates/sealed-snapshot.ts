import type { ConfigChange, Snapshot, SnapshotCertificate } from '@aya/config-schema';
import type { SecretBox } from './secret-box';

/*
 * Snapshots and stored changes carry certificate keys sealed (as in the certificates table), so no clear key
 * ever reaches Postgres; hashes are over the unsealed items, which only the internal endpoints serve.
 */

export function unsealCertificate(c: SnapshotCertificate, box: SecretBox): SnapshotCertificate {
  return c.key === undefined ? c : { ...c, key: box.open(c.key) };
}

export function unsealSnapshot(snapshot: Snapshot, box: SecretBox): Snapshot {
  if (!snapshot.certificates?.some((c) => c.key !== undefined)) return snapshot;
  return { ...snapshot, certificates: snapshot.certificates.map((c) => unsealCertificate(c, box)) };
}

export function unsealChanges(changes: ConfigChange[], box: SecretBox): ConfigChange[] {
  return changes.map((c) =>
    c.kind === 'certificate' && c.item !== null && typeof c.item.key === 'string'
      ? { ...c, item: { ...c.item, key: box.open(c.item.key) } }
      : c,
  );
}
