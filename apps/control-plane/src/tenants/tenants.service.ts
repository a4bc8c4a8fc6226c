import { Inject, Injectable } from '@nestjs/common';
import type { Page, Tenant, TenantCreate } from '@aya/config-schema';
import type { Principal } from '../auth/permissions';
import { ConflictError } from '../common/errors';
import { PAGE_ORDER, afterCursor, toPage, type PageQuery } from '../common/pagination';
import { ConfigWriter } from '../config-flow/config-writer';
import { DEFAULT_TENANT_SLUG } from '../db/bootstrap';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import { findTenant, toTenant } from './tenant-lookup';

@Injectable()
export class TenantsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly writer: ConfigWriter,
  ) {}

  async list(page: PageQuery): Promise<Page<Tenant>> {
    const rows = await this.prisma.tenant.findMany({ where: afterCursor(page.cursor), orderBy: PAGE_ORDER, take: page.limit + 1 });
    return toPage(rows, page.limit, toTenant);
  }

  async get(idOrSlug: string): Promise<Tenant> {
    return toTenant(await findTenant(this.prisma, idOrSlug));
  }

  create(actor: Principal, input: TenantCreate): Promise<Tenant> {
    return this.writer.write(actor, async (tx) => {
      await this.assertSlugFree(tx, input.slug);
      const tenant = toTenant(await tx.tenant.create({ data: input }));
      return { result: tenant, audit: { tenantId: tenant.id, action: 'create', resourceType: 'tenant', resourceId: tenant.id, after: tenant } };
    });
  }

  /** PATCH passes a partial input, PUT a full one (validated like create). */
  update(actor: Principal, idOrSlug: string, input: Partial<TenantCreate>): Promise<Tenant> {
    return this.writer.write(actor, async (tx) => {
      const row = await findTenant(tx, idOrSlug);
      if (input.slug !== undefined && input.slug !== row.slug) {
        if (row.slug === DEFAULT_TENANT_SLUG) throw new ConflictError('the default tenant cannot be renamed');
        await this.assertSlugFree(tx, input.slug);
      }
      const updated = toTenant(await tx.tenant.update({ where: { id: row.id }, data: input }));
      return {
        result: updated,
        audit: { tenantId: row.id, action: 'update', resourceType: 'tenant', resourceId: row.id, before: toTenant(row), after: updated },
      };
    });
  }

  remove(actor: Principal, idOrSlug: string): Promise<void> {
    return this.writer.write(actor, async (tx) => {
      const row = await findTenant(tx, idOrSlug);
      if (row.slug === DEFAULT_TENANT_SLUG) throw new ConflictError('the default tenant cannot be deleted');
      const [services, routes, upstreams, certificates] = [
        await tx.service.count({ where: { tenantId: row.id } }),
        await tx.route.count({ where: { tenantId: row.id } }),
        await tx.upstream.count({ where: { tenantId: row.id } }),
        await tx.certificate.count({ where: { tenantId: row.id } }),
      ];
      if (services + routes + upstreams + certificates > 0) {
        throw new ConflictError(
          `tenant "${row.slug}" still has ${services} services, ${routes} routes, ${upstreams} upstreams and ${certificates} certificates: delete them first`,
        );
      }
      await tx.tenant.delete({ where: { id: row.id } });
      // tenantId null: the audit row outlives the tenant
      return { result: undefined, audit: { tenantId: null, action: 'delete', resourceType: 'tenant', resourceId: row.id, before: toTenant(row) } };
    });
  }

  private async assertSlugFree(tx: Tx, slug: string): Promise<void> {
    if (await tx.tenant.findUnique({ where: { slug } })) throw new ConflictError(`tenant "${slug}" already exists`);
  }
}
