import { Inject, Injectable } from '@nestjs/common';
import type { Page } from '@aya/config-schema';
import { recordAudit, type AuditEntry } from '../audit/audit-row';
import { roleRank, type Principal, type TenantRole } from '../auth/permissions';
import { roleIn } from '../auth/tenant-access';
import { newTenantToken, sha256Hex } from '../auth/tokens';
import { ForbiddenError, NotFoundError } from '../common/errors';
import { isUuid } from '../common/id-or-name';
import { PRISMA, type Db } from '../db/prisma';
import type { TenantToken } from '../generated/prisma/client';
import type { ListQuery } from '../resources/list-query';
import { findTenant } from '../tenants/tenant-lookup';
import { containsText, createdAtKeyset, createdAtPage } from './people-list';
import type { TokenCreateBody } from './people-schemas';

export interface TokenView {
  id: string;
  name: string;
  role: TenantRole;
  expiresAt: string | null;
  lastUsedAt: string | null;
  createdBy: string;
  createdAt: string;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function toView(row: TenantToken): TokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The audit entry of a token's create or revoke (in the tenant's log). */
function tokenAudit(tenantId: string, action: 'create' | 'revoke', before: TokenView | undefined, after: TokenView | undefined): AuditEntry {
  const view = (after ?? before) as TokenView;
  return { tenantId, action, resourceType: 'token', resourceId: view.id, resourceName: view.name, before, after };
}

/**
 * `/api/v1/tenants/{t}/tokens`: admin tokens for automation, acting with their role in this tenant only. Stored as
 * sha256; the token is in the create answer and nowhere else. A caller creates tokens up to its own role.
 */
@Injectable()
export class TokensService {
  constructor(@Inject(PRISMA) private readonly prisma: Db) {}

  /** One page of the tokens not revoked, expired ones included (their expiresAt says so); `q` looks in the name. */
  async list(tenantRef: string, query: ListQuery): Promise<Page<TokenView> & { total: number }> {
    const tenant = await findTenant(this.prisma, tenantRef);
    const where = { tenantId: tenant.id, revokedAt: null, ...(query.q === undefined ? {} : { name: containsText(query.q) }) };
    const { after, orderBy } = createdAtKeyset(query, 'id');
    const [rows, total] = await Promise.all([
      this.prisma.tenantToken.findMany({ where: { AND: [where, after] }, orderBy, take: query.limit + 1 }),
      this.prisma.tenantToken.count({ where }),
    ]);
    return createdAtPage(rows, query, (r) => r.id, toView, total);
  }

  async create(actor: Principal, tenantRef: string, input: TokenCreateBody): Promise<TokenView & { token: string }> {
    const tenant = await findTenant(this.prisma, tenantRef);
    const own = roleIn(actor, tenant.id);
    if (!own || roleRank(input.role) < roleRank(own)) throw new ForbiddenError(`a ${own ?? 'non-member'} cannot create a ${input.role} token`);
    const token = newTenantToken();
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.tenantToken.create({
        data: {
        tenantId: tenant.id,
        name: input.name,
        role: input.role,
        tokenHash: sha256Hex(token),
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        createdById: actor.kind === 'session' ? actor.id : null,
        createdBy: actor.username,
        },
      });
      // the view, never the token or its hash
      await recordAudit(tx, actor, tokenAudit(tenant.id, 'create', undefined, toView(created)));
      return created;
    });
    return { ...toView(row), token };
  }

  /** Revokes: the row stays (its name and lastUsedAt), the token answers 401 from now on. */
  async revoke(actor: Principal, tenantRef: string, id: string): Promise<void> {
    const tenant = await findTenant(this.prisma, tenantRef);
    await this.prisma.$transaction(async (tx) => {
      const where = { id: id.toLowerCase(), tenantId: tenant.id, revokedAt: null };
      const row = isUuid(id) ? await tx.tenantToken.findFirst({ where }) : null;
      const revoked = row ? await tx.tenantToken.updateMany({ where, data: { revokedAt: new Date() } }) : { count: 0 };
      if (!row || revoked.count === 0) throw new NotFoundError(`token "${id}" not found`);
      await recordAudit(tx, actor, tokenAudit(tenant.id, 'revoke', toView(row), undefined));
    });
  }
}
