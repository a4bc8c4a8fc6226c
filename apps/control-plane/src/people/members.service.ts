import { Inject, Injectable } from '@nestjs/common';
import type { Page } from '@aya/config-schema';
import { recordAudit, type AuditEntry } from '../audit/audit-row';
import { roleRank, type Principal, type TenantRole } from '../auth/permissions';
import { userWhere } from '../auth/auth.service';
import { roleIn } from '../auth/tenant-access';
import { ConflictError, ForbiddenError, LastOwnerError, NotFoundError, ValidationError } from '../common/errors';
import { isUuid } from '../common/id-or-name';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import type { Tenant } from '../generated/prisma/client';
import type { ListQuery } from '../resources/list-query';
import { findTenant } from '../tenants/tenant-lookup';
import { containsText, createdAtKeyset, createdAtPage } from './people-list';
import type { MemberAddBody } from './people-schemas';

export interface MemberView {
  user: { id: string; username: string; email: string | null };
  role: TenantRole;
  createdAt: string;
}

const WITH_USER = { user: { select: { id: true, username: true, email: true } } } as const;

function toView(row: { role: TenantRole; createdAt: Date; user: MemberView['user'] }): MemberView {
  return { user: row.user, role: row.role, createdAt: row.createdAt.toISOString() };
}

/**
 * `/api/v1/tenants/{t}/members`. Owners are the owners' business: granting the owner role, or changing or removing
 * an owner, needs the caller to be an owner (or a superadmin); and a tenant that has an owner keeps at least one
 * (409 AYA_CP_LAST_OWNER). Nobody hands out a role above their own.
 */
@Injectable()
export class MembersService {
  constructor(@Inject(PRISMA) private readonly prisma: Db) {}

  /** One page, by when they joined; `q` looks in the username and e-mail. */
  async list(tenantRef: string, query: ListQuery): Promise<Page<MemberView> & { total: number }> {
    const tenant = await findTenant(this.prisma, tenantRef);
    const contains = query.q === undefined ? undefined : containsText(query.q);
    const where = { tenantId: tenant.id, ...(contains ? { user: { OR: [{ username: contains }, { email: contains }] } } : {}) };
    const { after, orderBy } = createdAtKeyset(query, 'userId');
    const [rows, total] = await Promise.all([
      this.prisma.tenantMember.findMany({ where: { AND: [where, after] }, include: WITH_USER, orderBy, take: query.limit + 1 }),
      this.prisma.tenantMember.count({ where }),
    ]);
    return createdAtPage(rows, query, (r) => r.userId, toView, total);
  }

  async add(actor: Principal, tenantRef: string, input: MemberAddBody): Promise<MemberView> {
    return this.prisma.$transaction(async (tx) => {
      const tenant = await lockTenant(tx, tenantRef);
      mayGrant(actor, tenant, input.role);
      const user = await tx.user.findFirst({ where: userWhere(input.user), select: { id: true } });
      if (!user) throw new ValidationError('no such user', [{ path: 'user', message: `no user "${input.user}"` }]);
      const existing = await tx.tenantMember.findUnique({ where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } } });
      if (existing) throw new ConflictError(`"${input.user}" is already a member`, [{ path: 'user', message: 'already a member' }]);
      const added = toView(await tx.tenantMember.create({ data: { tenantId: tenant.id, userId: user.id, role: input.role }, include: WITH_USER }));
      await recordAudit(tx, actor, memberAudit(tenant, 'create', undefined, added));
      return added;
    });
  }

  async changeRole(actor: Principal, tenantRef: string, userRef: string, role: TenantRole): Promise<MemberView> {
    return this.prisma.$transaction(async (tx) => {
      const tenant = await lockTenant(tx, tenantRef);
      const member = await findMember(tx, tenant.id, userRef);
      const before = await memberView(tx, tenant.id, member.userId);
      mayGrant(actor, tenant, role);
      mayTouch(actor, tenant, member.role);
      if (member.role === 'owner' && role !== 'owner') await keepAnOwner(tx, tenant);
      const updated = toView(await tx.tenantMember.update({ where: { tenantId_userId: { tenantId: tenant.id, userId: member.userId } }, data: { role }, include: WITH_USER }));
      await recordAudit(tx, actor, memberAudit(tenant, 'update', before, updated));
      return updated;
    });
  }

  async remove(actor: Principal, tenantRef: string, userRef: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const tenant = await lockTenant(tx, tenantRef);
      const member = await findMember(tx, tenant.id, userRef);
      mayTouch(actor, tenant, member.role);
      if (member.role === 'owner') await keepAnOwner(tx, tenant);
      const before = await memberView(tx, tenant.id, member.userId);
      await tx.tenantMember.delete({ where: { tenantId_userId: { tenantId: tenant.id, userId: member.userId } } });
      await recordAudit(tx, actor, memberAudit(tenant, 'delete', before, undefined));
    });
  }
}

async function memberView(tx: Tx, tenantId: string, userId: string): Promise<MemberView> {
  return toView(await tx.tenantMember.findUniqueOrThrow({ where: { tenantId_userId: { tenantId, userId } }, include: WITH_USER }));
}

/** The audit entry of a membership change (in the tenant's log, named by the user). */
function memberAudit(tenant: Tenant, action: 'create' | 'update' | 'delete', before: MemberView | undefined, after: MemberView | undefined): AuditEntry {
  const user = (after ?? before)?.user;
  return { tenantId: tenant.id, action, resourceType: 'member', resourceId: user?.id ?? '', resourceName: user?.username ?? null, before, after };
}

/** The tenant, its row locked: membership changes of one tenant run one at a time, so the owner count holds. */
async function lockTenant(tx: Tx, ref: string): Promise<Tenant> {
  const tenant = await findTenant(tx, ref);
  await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${tenant.id}::uuid FOR UPDATE`;
  return tenant;
}

async function findMember(tx: Tx, tenantId: string, userRef: string): Promise<{ userId: string; role: TenantRole }> {
  const where = isUuid(userRef) ? { OR: [{ id: userRef.toLowerCase() }, { username: userRef }] } : userWhere(userRef);
  const users = await tx.user.findMany({ where, select: { id: true } });
  const member = await tx.tenantMember.findFirst({ where: { tenantId, userId: { in: users.map((u) => u.id) } }, select: { userId: true, role: true } });
  if (!member) throw new NotFoundError(`"${userRef}" is not a member`);
  return member;
}

function callerRole(actor: Principal, tenant: Tenant): TenantRole {
  const role = roleIn(actor, tenant.id);
  // the guard let only members (or superadmins) in
  if (!role) throw new ForbiddenError(`not a member of tenant "${tenant.slug}"`);
  return role;
}

/** Nobody grants a role above their own; only owners grant owner. */
function mayGrant(actor: Principal, tenant: Tenant, role: TenantRole): void {
  const own = callerRole(actor, tenant);
  if (roleRank(role) < roleRank(own)) throw new ForbiddenError(`a ${own} cannot grant the ${role} role`);
}

/** Changing or removing an owner is for owners. */
function mayTouch(actor: Principal, tenant: Tenant, current: TenantRole): void {
  const own = callerRole(actor, tenant);
  if (roleRank(current) < roleRank(own)) throw new ForbiddenError(`a ${own} cannot change a member who is ${current}`);
}

async function keepAnOwner(tx: Tx, tenant: Tenant): Promise<void> {
  const owners = await tx.tenantMember.count({ where: { tenantId: tenant.id, role: 'owner' } });
  if (owners <= 1) throw new LastOwnerError(tenant.slug);
}
