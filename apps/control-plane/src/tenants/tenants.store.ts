import { Injectable } from '@nestjs/common';
import type { Tenant, TenantCreate } from '@aya/config-schema';
import type { Principal } from '../auth/permissions';
import { tenantIdsWith } from '../auth/tenant-access';
import { ConflictError } from '../common/errors';
import type { SyncScope } from '../config-flow/config-index';
import { DEFAULT_TENANT_SLUG } from '../db/bootstrap';
import type { Tx } from '../db/prisma';
import type { Prisma, Tenant as TenantRow } from '../generated/prisma/client';
import type { RootParent } from '../resources/parents';
import type { ResourceStore, RowQuery, WriteAction } from '../resources/resource-definition';
import { toTenant } from './tenant-lookup';

/** The tenants table (tenants.resource.ts): the default tenant stays, and only an empty tenant is deleted. */
@Injectable()
export class TenantsStore implements ResourceStore<TenantRow, Tenant, TenantCreate, RootParent> {
  findRows(db: Tx, query: RowQuery): Promise<TenantRow[]> {
    return db.tenant.findMany(query as Prisma.TenantFindManyArgs);
  }

  toDto(row: TenantRow): Tenant {
    return toTenant(row);
  }

  /** A superadmin sees every tenant, everyone else the tenants they are a member of. */
  visibleWhere(actor: Principal): Record<string, unknown> {
    const ids = tenantIdsWith(actor, 'tenants:read');
    return ids === 'all' ? {} : { id: { in: ids } };
  }

  insertRow(tx: Tx, _parent: RootParent, input: TenantCreate): Promise<TenantRow> {
    return tx.tenant.create({ data: input });
  }

  /** PUT and PATCH alike: a tenant has no optional fields to reset. */
  updateRow(tx: Tx, _parent: RootParent, row: TenantRow, input: Partial<TenantCreate>): Promise<TenantRow> {
    return tx.tenant.update({ where: { id: row.id }, data: input });
  }

  async deleteRow(tx: Tx, row: TenantRow): Promise<void> {
    await tx.tenant.delete({ where: { id: row.id } });
  }

  beforeUpdate(_tx: Tx, row: TenantRow, input: Partial<TenantCreate>): Promise<void> {
    if (input.slug !== undefined && input.slug !== row.slug && row.slug === DEFAULT_TENANT_SLUG) {
      throw new ConflictError('the default tenant cannot be renamed');
    }
    return Promise.resolve();
  }

  async beforeDelete(tx: Tx, row: TenantRow): Promise<void> {
    if (row.slug === DEFAULT_TENANT_SLUG) throw new ConflictError('the default tenant cannot be deleted');
    const where = { where: { tenantId: row.id } };
    const counts: Array<[string, number]> = [
      ['services', await tx.service.count(where)],
      ['routes', await tx.route.count(where)],
      ['upstreams', await tx.upstream.count(where)],
      ['certificates', await tx.certificate.count(where)],
      ['plugins', await tx.plugin.count(where)],
      ['consumers', await tx.consumer.count(where)],
      ['consumer groups', await tx.consumerGroup.count(where)],
    ];
    const left = counts.filter(([, n]) => n > 0).map(([what, n]) => `${n} ${what}`);
    if (left.length > 0) throw new ConflictError(`tenant "${row.slug}" still has ${left.join(', ')}: delete them first`);
  }

  /** A slug is part of every item of its tenant; creating or deleting an (empty) tenant changes none. */
  alsoChanges(_tx: Tx, _parent: RootParent, _row: TenantRow, action: WriteAction): Promise<SyncScope> {
    return Promise.resolve(action === 'update' ? 'all' : []);
  }

  /** Its own audit rows, except the delete's: tenantId null, so the row outlives the tenant. */
  auditTenantId(row: TenantRow, action: WriteAction): string | null {
    return action === 'delete' ? null : row.id;
  }
}
