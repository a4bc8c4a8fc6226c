import { randomUUID } from 'node:crypto';
import { CREDENTIALS } from '../consumers/credentials.resource';
import { toCredential } from '../consumers/credential-mapper';
import type { Tx } from '../db/prisma';
import type { Credential as CredentialRow } from '../generated/prisma/client';
import type { TenantParent } from '../resources/parents';
import type { ApplyLog } from './apply-log';
import type { CredentialColumns } from './credential-columns';
import { credentialLabel, type CredentialPlan } from './credential-entries';

/** A credential row as written, for the audit's views (toCredential) without reading it back. */
function rowOf(id: string, tenantId: string, consumerId: string, c: CredentialColumns, createdAt: Date, now: Date): CredentialRow {
  return { id, tenantId, consumerId, ...c, expiresAt: c.expiresAt === null ? null : new Date(c.expiresAt), createdAt, updatedAt: now };
}

/**
 * Writes a credential plan after the consumers were written (new consumers have ids): deletes first (a key may
 * move to another consumer), then creates in one statement, then the few updates. One audit entry each, no
 * secret in it (the admin view).
 */
export async function writeCredentials(tx: Tx, parent: TenantParent, plan: CredentialPlan, log: ApplyLog): Promise<void> {
  const record = (action: 'create' | 'update' | 'delete', key: string, id: string, states: { before?: unknown; after?: unknown }) =>
    log.record(CREDENTIALS, 'credential', parent, action, credentialLabel(key), id, states);
  if (plan.deletes.length > 0) {
    await tx.$executeRaw`DELETE FROM credentials WHERE id = ANY(${plan.deletes.map((d) => d.row.id)}::uuid[])`;
    for (const d of plan.deletes) record('delete', d.key, d.row.id, { before: toCredential(d.row) });
  }
  if (plan.creates.length === 0 && plan.updates.length === 0) return;
  const consumers = await tx.consumer.findMany({ where: { tenantId: parent.tenantId }, select: { id: true, username: true } });
  const consumerIds = new Map(consumers.map((c) => [c.username, c.id]));
  const now = new Date();
  if (plan.creates.length > 0) {
    const rows = plan.creates.map((w) => rowOf(randomUUID(), parent.tenantId, consumerIds.get(w.username) ?? '', w.columns, now, now));
    await tx.$executeRaw`
      INSERT INTO credentials (id, tenant_id, consumer_id, type, key_hash, key_prefix, expires_at, username, password_hash, jwt_key, algorithm,
                               secret_encrypted, public_key, jwks_url, subject, fingerprint, created_at, updated_at)
      SELECT x.id, x."tenantId", x."consumerId", x.type, x."keyHash", x."keyPrefix", x."expiresAt", x.username, x."passwordHash", x."jwtKey", x.algorithm,
             x."secretEncrypted", x."publicKey", x."jwksUrl", x.subject, x.fingerprint, ${now}, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS x(id uuid, "tenantId" uuid, "consumerId" uuid, type text, "keyHash" text, "keyPrefix" text, "expiresAt" timestamptz, username text,
                "passwordHash" text, "jwtKey" text, algorithm text, "secretEncrypted" text, "publicKey" text, "jwksUrl" text, subject text, fingerprint text)`;
    plan.creates.forEach((w, i) => record('create', w.key, rows[i].id, { after: toCredential(rows[i]) }));
  }
  for (const { write, current } of plan.updates) {
    const { type: _type, expiresAt, ...columns } = write.columns;
    await tx.credential.update({ where: { id: current.row.id }, data: { ...columns, expiresAt: expiresAt === null ? null : new Date(expiresAt) } });
    const after = rowOf(current.row.id, parent.tenantId, current.row.consumerId, write.columns, current.row.createdAt, now);
    record('update', write.key, current.row.id, { before: toCredential(current.row), after: toCredential(after) });
  }
}
