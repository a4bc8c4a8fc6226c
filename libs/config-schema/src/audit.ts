/**
 * The audit log as the admin API answers it (`GET /api/v1/tenants/{t}/audit`, `GET /api/v1/audit`): one entry
 * per admin write, newest first. `before`/`after` are the resource's API views (never a secret or private
 * key); `changes` is their field-level diff, computed by the control plane so every client shows the same.
 */
export const AUDIT_ACTOR_KINDS = ['session', 'token', 'env'] as const;
/** session: a signed-in user; token: a tenant admin token; env: AYA_ADMIN_TOKEN */
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export const AUDIT_CHANGE_OPS = ['add', 'remove', 'change'] as const;
export type AuditChangeOp = (typeof AUDIT_CHANGE_OPS)[number];

/** One changed field: `path` from the top of the view (`['targets', 0, 'weight']`). */
export interface AuditChange {
  path: Array<string | number>;
  op: AuditChangeOp;
  /** absent for `add` */
  before?: unknown;
  /** absent for `remove` */
  after?: unknown;
}

export interface AuditLogEntry {
  id: string;
  /** null once the tenant is deleted, and for a tenant's own delete (platform reader only) */
  tenantId: string | null;
  actor: { kind: AuditActorKind; id: string; name: string };
  /** the client's address as the control plane saw it; null when unknown */
  address: string | null;
  /** create, update, delete, or the name of another write (a rollback, an apply, a token's revoke) */
  action: string;
  resource: { type: string; id: string; name: string | null };
  /** the config revision the write made; null for a write outside the config (members, admin tokens) */
  revision: number | null;
  before: unknown;
  after: unknown;
  changes: AuditChange[];
  createdAt: string;
}
