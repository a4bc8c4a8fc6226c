import type { Principal } from '../auth/permissions';
import type { Tx } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';

/** What a write tells the config writer to audit (see ConfigWriter.write). */
export interface AuditEntry {
  tenantId: string | null;
  /** create, update, delete, or another write's name (rollback, apply) */
  action: string;
  /** the resource's `kind` in the registry (resources/registry.ts), or another write's subject */
  resourceType: string;
  resourceId: string;
  /** a human label: the key (name, slug, username) or what else names the resource (auditLabel) */
  resourceName?: string | null;
  before?: unknown;
  after?: unknown;
}

const asJson = (v: unknown): Prisma.InputJsonValue | undefined =>
  v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);

/** The audit_events row of one entry, written by the actor at `revision` (null: a write outside the config). */
export function auditRow(actor: Principal, entry: AuditEntry, revision: number | null): Prisma.AuditEventUncheckedCreateInput {
  const kind = actor.kind;
  return {
    tenantId: entry.tenantId,
    actorKind: kind,
    // a token is named by its own id (revoking it is what an auditor does next), a session by the user's
    actorId: kind === 'token' ? (actor.tokenId ?? actor.id) : actor.id,
    actorName: actor.username,
    address: actor.address ?? null,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    resourceName: entry.resourceName ?? null,
    revision,
    before: asJson(entry.before),
    after: asJson(entry.after),
  };
}

/** Fields that name a resource in its API view, in the order tried. */
const LABEL_FIELDS = ['name', 'username', 'slug'] as const;

/**
 * A human label for the audit row from the resource's API view: its key (`name`, `username`, `slug`), a
 * certificate's first SNI, a credential's type. Views carry no secrets, so neither does the label.
 */
export function auditLabel(key: string | null, view: unknown): string | null {
  if (typeof view !== 'object' || view === null) return null;
  const v = view as Record<string, unknown>;
  for (const field of key ? [key, ...LABEL_FIELDS] : LABEL_FIELDS) {
    if (typeof v[field] === 'string' && v[field] !== '') return v[field];
  }
  if (Array.isArray(v.snis) && typeof v.snis[0] === 'string') return v.snis[0];
  if (typeof v.type === 'string') return v.type;
  return null;
}

/**
 * Audits a write outside the config (tenant members, admin tokens, users and passwords) in the caller's transaction:
 * no revision is made, so these rows have none. Config writes are audited by ConfigWriter.write.
 */
export async function recordAudit(tx: Tx, actor: Principal, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  await tx.auditEvent.createMany({ data: list.map((entry) => auditRow(actor, entry, null)) });
}
