import { Inject, Injectable } from '@nestjs/common';
import type { Page } from '@aya/config-schema';
import { recordAudit, type AuditEntry } from '../audit/audit-row';
import { hashPassword } from '../auth/password';
import type { Principal, TenantRole } from '../auth/permissions';
import { ConflictError, NotFoundError } from '../common/errors';
import { idOrKey } from '../common/id-or-name';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { ListQuery } from '../resources/list-query';
import { containsText, createdAtKeyset, createdAtPage } from './people-list';
import type { UserCreateBody, UserUpdateBody } from './people-schemas';

export interface UserView {
  id: string;
  username: string;
  email: string | null;
  superadmin: boolean;
  /** cannot sign in */
  disabled: boolean;
  /** the tenants the user is a member of */
  tenants: Array<{ slug: string; role: TenantRole }>;
  createdAt: string;
  updatedAt: string;
}

const WITH_TENANTS = { memberships: { include: { tenant: { select: { slug: true } } }, orderBy: { createdAt: 'asc' } } } as const;
type UserRow = Prisma.UserGetPayload<{ include: typeof WITH_TENANTS }>;

function toView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    superadmin: row.superadmin,
    disabled: row.disabledAt !== null,
    tenants: row.memberships.map((m) => ({ slug: m.tenant.slug, role: m.role })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** 409 at the field when another user has the username or e-mail (a racing insert still meets the unique index: 409). */
async function assertFree(db: Tx, fields: { username?: string; email?: string | null }, self?: string): Promise<void> {
  for (const field of ['username', 'email'] as const) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    const other = await db.user.findFirst({ where: { [field]: value, ...(self ? { NOT: { id: self } } : {}) }, select: { id: true } });
    if (other) throw new ConflictError(`a user with this ${field} exists`, [{ path: field, message: 'already taken' }]);
  }
}

/**
 * The audit entry of a user write. Users belong to no tenant (tenantId null): the platform reader
 * (`GET /api/v1/audit`) shows them to superadmins, no tenant's log does. The view has no password hash.
 */
function userAudit(action: 'create' | 'update' | 'delete' | 'password-reset', before: UserView | undefined, after: UserView | undefined): AuditEntry {
  const view = (after ?? before) as UserView;
  return { tenantId: null, action, resourceType: 'user', resourceId: view.id, resourceName: view.username, before, after };
}

/** What a PATCH audits: a password set is a `password-reset` (no hash in the row), other fields an `update`. */
function updateAudits(input: UserUpdateBody, before: UserView, after: UserView): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const fieldsGiven = input.username !== undefined || input.email !== undefined || input.superadmin !== undefined || input.disabled !== undefined;
  if (fieldsGiven || input.password === undefined) entries.push(userAudit('update', before, after));
  if (input.password !== undefined) entries.push(userAudit('password-reset', undefined, after));
  return entries;
}

/** `/api/v1/users` (superadmin only): platform users; tenant roles live in the tenants' members. Writes are audited. */
@Injectable()
export class UsersService {
  constructor(@Inject(PRISMA) private readonly prisma: Db) {}

  /** One page, by when they were created; `q` looks in the username and e-mail. */
  async list(query: ListQuery): Promise<Page<UserView> & { total: number }> {
    const contains = query.q === undefined ? undefined : containsText(query.q);
    const where = contains ? { OR: [{ username: contains }, { email: contains }] } : {};
    const { after, orderBy } = createdAtKeyset(query, 'id');
    const [rows, total] = await Promise.all([
      this.prisma.user.findMany({ where: { AND: [where, after] }, orderBy, take: query.limit + 1, include: WITH_TENANTS }),
      this.prisma.user.count({ where }),
    ]);
    return createdAtPage(rows, query, (r) => r.id, toView, total);
  }

  async get(ref: string): Promise<UserView> {
    return toView(await this.find(this.prisma, ref));
  }

  async create(actor: Principal, input: UserCreateBody): Promise<UserView> {
    await assertFree(this.prisma, input);
    const passwordHash = await hashPassword(input.password);
    const data = { username: input.username, email: input.email ?? null, passwordHash, superadmin: input.superadmin ?? false };
    return this.prisma.$transaction(async (tx) => {
      const created = toView(await tx.user.create({ data, include: WITH_TENANTS }));
      await recordAudit(tx, actor, userAudit('create', undefined, created));
      return created;
    });
  }

  /** A new password or a disable ends the user's sessions; taking the flag from (or disabling) the last superadmin is a 409. */
  async update(actor: Principal, ref: string, input: UserUpdateBody): Promise<UserView> {
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
    return this.prisma.$transaction(async (tx) => {
      const user = await this.find(tx, ref);
      const demoted = input.superadmin === false || input.disabled === true;
      if (demoted && user.superadmin && !user.disabledAt) await lockAndKeepASuperadmin(tx, user.id, input.superadmin === false ? 'superadmin' : 'disabled');
      await assertFree(tx, input, user.id);
      // disabling keeps the first time it was set; enabling clears it
      const disabledAt = input.disabled === undefined ? undefined : input.disabled ? (user.disabledAt ?? new Date()) : null;
      const data = { username: input.username, email: input.email, superadmin: input.superadmin, passwordHash, disabledAt };
      const updated = toView(await tx.user.update({ where: { id: user.id }, data, include: WITH_TENANTS }));
      if (passwordHash || input.disabled === true) await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
      await recordAudit(tx, actor, updateAudits(input, toView(user), updated));
      return updated;
    });
  }

  /** Its sessions and memberships go with it; the tokens it created stay (their creator's name is kept). */
  async remove(actor: Principal, ref: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const user = await this.find(tx, ref);
      if (user.superadmin && !user.disabledAt) await lockAndKeepASuperadmin(tx, user.id);
      await tx.user.delete({ where: { id: user.id } });
      await recordAudit(tx, actor, userAudit('delete', toView(user), undefined));
    });
  }

  private async find(db: Tx, ref: string): Promise<UserRow> {
    const rows = await db.user.findMany({ where: idOrKey(ref, 'username'), include: WITH_TENANTS, take: 2 });
    const row = rows.find((u) => u.id === ref.toLowerCase()) ?? rows[0];
    if (!row) throw new NotFoundError(`user "${ref}" not found`);
    return row;
  }
}

/**
 * Serializes superadmin changes (one row lock on the flag holders) and refuses to remove, demote or disable the last
 * one who can still sign in.
 */
async function lockAndKeepASuperadmin(tx: Tx, leaving: string, field: 'superadmin' | 'disabled' = 'superadmin'): Promise<void> {
  const rows = await tx.$queryRaw<Array<{ id: string; disabled: boolean }>>`SELECT id, disabled_at IS NOT NULL AS disabled FROM users WHERE superadmin ORDER BY id FOR UPDATE`;
  if (rows.every((r) => r.id === leaving || r.disabled)) {
    throw new ConflictError('the last superadmin cannot be removed, demoted or disabled', [{ path: field, message: 'the last superadmin' }]);
  }
}
