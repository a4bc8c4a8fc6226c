import type { SnapshotCertificate } from '@aya/config-schema';
import type { SnapshotPart } from '../resources/resource-definition';
import { byAge, byId } from '../resources/snapshot-sql';

/** Certificates as snapshot items. Keys stay sealed as stored: see unsealCertificate (sealed-snapshot.ts). */
export const CERTIFICATES_SNAPSHOT: SnapshotPart = {
  async load(tx, _env, ids): Promise<SnapshotCertificate[]> {
    const rows = await tx.$queryRaw<Array<{ id: string; snis: string[] | null; cert: string; keyEncrypted: string | null }>>`
      SELECT id::text AS id, snis, cert, key_encrypted AS "keyEncrypted"
      FROM certificates ${byId('certificates', ids)} ${byAge('certificates')}`;
    return rows.map((c) => ({ id: c.id, snis: c.snis ?? [], cert: c.cert, ...(c.keyEncrypted ? { key: c.keyEncrypted } : {}) }));
  },
};
