import { Inject, Injectable } from '@nestjs/common';
import type { Page } from '@aya/config-schema';
import { hashPassword } from '../auth/password';
import type { TenantRole } from '../auth/permissions';
import { ConflictError, NotFoundError } from '../common/errors';
import { idOrKey } from '../common/id-or-name';
import { PAGE_ORDER, afterCursor, toPage, type PageQuery } from '../common/pagination';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { UserCreateBody, UserUpdateBody } from './people-schemas';

export interface UserView {
  id: string;
  username: string;
  email: string | null;
  superadmin: boolean;
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

/** `/api/v1/users` (superadmin only): platform users; tenant roles live in the tenants' members. */
@Injectable()
export class UsersService {
  constructor(@Inject(PRISMA) private readonly prisma: Db) {}

  async list(page: PageQuery): Promise<Page<UserView>> {
    const rows = await this.prisma.user.findMany({ where: afterCursor(page.cursor), orderBy: PAGE_ORDER, take: page.limit + 1, include: WITH_TENANTS });
    return toPage(rows, page.limit, toView);
  }

  async get(ref: string): Promise<UserView> {
    return toView(await this.find(this.prisma, ref));
  }

  async create(input: UserCreateBody): Promise<UserView> {
    await assertFree(this.prisma, input);
    const passwordHash = await hashPassword(input.password);
    const data = { username: input.username, email: input.email ?? null, passwordHash, superadmin: input.superadmin ?? false };
    return toView(await this.prisma.user.create({ data, include: WITH_TENANTS }));
  }

  /** A new password ends the user's sessions; taking the flag from the last superadmin is a 409. */
  async update(ref: string, input: UserUpdateBody): Promise<UserView> {
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
    const row = await this.prisma.$transaction(async (tx) => {
      const user = await this.find(tx, ref);
      if (input.superadmin === false && user.superadmin) await lockAndKeepASuperadmin(tx, user.id);
      await assertFree(tx, input, user.id);
      const data = { username: input.username, email: input.email, superadmin: input.superadmin, passwordHash };
      const updated = await tx.user.update({ where: { id: user.id }, data, include: WITH_TENANTS });
      if (passwordHash) await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
      return updated;
    });
    return toView(row);
  }

  /** Its sessions and memberships go with it; the tokens it created stay (their creator's name is kept). */
  async remove(ref: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const user = await this.find(tx, ref);
      if (user.superadmin) await lockAndKeepASuperadmin(tx, user.id);
      await tx.user.delete({ where: { id: user.id } });
    });
  }

  private async find(db: Tx, ref: string): Promise<UserRow> {
    const rows = await db.user.findMany({ where: idOrKey(ref, 'username'), include: WITH_TENANTS, take: 2 });
    const row = rows.find((u) => u.id === ref.toLowerCase()) ?? rows[0];
    if (!row) throw new NotFoundError(`user "${ref}" not found`);
    return row;
  }
}

/** Serializes superadmin changes (one row lock on the flag holders) and refuses to remove the last one. */
async function lockAndKeepASuperadmin(tx: Tx, leaving: string): Promise<void> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM users WHERE superadmin ORDER BY id FOR UPDATE`;
  if (rows.every((r) => r.id === leaving)) {
    throw new ConflictError('the last superadmin cannot be removed or demoted', [{ path: 'superadmin', message: 'the last superadmin' }]);
  }
}
