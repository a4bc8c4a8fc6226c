import { Inject, Injectable } from '@nestjs/common';
import type { AuditActorKind, AuditLogEntry, Page } from '@aya/config-schema';
import { toPage } from '../common/pagination';
import { PRISMA, type Db } from '../db/prisma';
import type { AuditEvent, Prisma } from '../generated/prisma/client';
import { findTenant } from '../tenants/tenant-lookup';
import { auditChanges } from './audit-diff';
import type { AuditFilter } from './audit-query';

/** Newest first; `id` breaks ties between rows of the same millisecond, so the keyset is total. */
const NEWEST_FIRST: Prisma.AuditEventOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'desc' }];

export function toAuditLogEntry(row: AuditEvent): AuditLogEntry {
  return {
    id: row.id,
    tenantId: row.tenantId,
    actor: { kind: row.actorKind as AuditActorKind, id: row.actorId, name: row.actorName },
    address: row.address,
    action: row.action,
    resource: { type: row.resourceType, id: row.resourceId, name: row.resourceName },
    revision: row.revision,
    before: row.before,
    after: row.after,
    changes: auditChanges(row.before, row.after),
    createdAt: row.createdAt.toISOString(),
  };
}

function whereOf(f: AuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.tenantId !== undefined) and.push({ tenantId: f.tenantId });
  if (f.tenantIds) and.push({ tenantId: { in: f.tenantIds } });
  if (f.resourceType) and.push({ resourceType: f.resourceType });
  if (f.resourceId) and.push({ resourceId: f.resourceId });
  if (f.actor) and.push({ OR: [{ actorName: f.actor }, { actorId: f.actor }] });
  if (f.action) and.push({ action: f.action });
  if (f.since) and.push({ createdAt: { gte: f.since } });
  if (f.until) and.push({ createdAt: { lt: f.until } });
  // keyset: strictly older than the last entry of the previous page; rows written meanwhile are newer
  // (created_at is taken under the config lock), so pages neither repeat nor skip an entry
  if (f.cursor) {
    and.push({ OR: [{ createdAt: { lt: f.cursor.createdAt } }, { createdAt: f.cursor.createdAt, id: { lt: f.cursor.id } }] });
  }
  return { AND: and };
}

/** Reads the audit log: one tenant's entries, or (superadmins) the whole platform's. */
@Injectable()
export class AuditReader {
  constructor(@Inject(PRISMA) private readonly prisma: Db) {}

  /**
   * A tenant's entries only: rows whose tenant_id is this tenant. A deleted tenant's rows (tenant_id set null)
   * are never shown to a tenant's reader, also not to a new tenant that takes the old slug.
   */
  async forTenant(tenantRef: string, filter: AuditFilter): Promise<Page<AuditLogEntry>> {
    const tenant = await findTenant(this.prisma, tenantRef);
    return this.page({ ...filter, tenantId: tenant.id });
  }

  /** `visible`: the tenants the caller may read ('all': every row, also those of deleted tenants). */
  forPlatform(visible: 'all' | string[], filter: AuditFilter): Promise<Page<AuditLogEntry>> {
    return this.page(visible === 'all' ? filter : { ...filter, tenantIds: visible });
  }

  private async page(filter: AuditFilter): Promise<Page<AuditLogEntry>> {
    const rows = await this.prisma.auditEvent.findMany({ where: whereOf(filter), orderBy: NEWEST_FIRST, take: filter.limit + 1 });
    return toPage(rows, filter.limit, toAuditLogEntry);
  }
}
