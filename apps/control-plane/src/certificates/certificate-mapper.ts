import type { Certificate } from '@aya/config-schema';
import type { Certificate as CertificateRow } from '../generated/prisma/client';

/** The admin view: never the key, only whether there is one. */
export function toCertificate(row: CertificateRow): Certificate {
  return {
    id: row.id,
    snis: row.snis ?? [],
    cert: row.cert,
    hasKey: row.keyEncrypted !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
