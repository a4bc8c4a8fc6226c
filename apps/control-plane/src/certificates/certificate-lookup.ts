import { isUuid } from '../common/id-or-name';
import type { Tx } from '../db/prisma';

/**
 * The certificate of `tenantId` that a config field names by id (a service's client / CA certificate, an
 * mtls-auth plugin's CAs), or null: certificates have no name, and one tenant never uses another's.
 */
export function findTenantCertificate(tx: Tx, tenantId: string, id: string): Promise<{ id: string; keyEncrypted: string | null } | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return tx.certificate.findFirst({ where: { id: id.toLowerCase(), tenantId }, select: { id: true, keyEncrypted: true } });
}
