import { Inject, Injectable } from '@nestjs/common';
import type { Route, RouteCreate } from '@aya/config-schema';
import { ConflictError, ValidationError } from '../common/errors';
import { TenantResourceService, type RowQuery } from '../common/tenant-resource.service';
import { ConfigWriter } from '../config-flow/config-writer';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import { ServicesService } from '../services/services.service';
import { findCollision } from './collision';
import { toRoute, type RouteRowWithService } from './route-mapper';

const withService = { service: { select: { name: true } } } as const;

@Injectable()
export class RoutesService extends TenantResourceService<RouteRowWithService, Route, RouteCreate> {
  protected readonly kind = 'route';

  constructor(@Inject(PRISMA) prisma: Db, writer: ConfigWriter, private readonly services: ServicesService) {
    super(prisma, writer);
  }

  protected findRows(db: Tx, query: RowQuery): Promise<RouteRowWithService[]> {
    return db.route.findMany({ ...query, include: withService });
  }

  protected toDto(row: RouteRowWithService): Route {
    return toRoute(row);
  }

  protected async insertRow(tx: Tx, tenantId: string, input: RouteCreate): Promise<RouteRowWithService> {
    const data = await this.prepare(tx, tenantId, input);
    return tx.route.create({ data: { tenantId, ...data }, include: withService });
  }

  protected async updateRow(tx: Tx, tenantId: string, row: RouteRowWithService, input: Partial<RouteCreate>, replace: boolean): Promise<RouteRowWithService> {
    const base: RouteCreate = replace
      ? { name: row.name, service: row.serviceId, paths: row.paths }
      : { name: row.name, service: row.serviceId, paths: row.paths, methods: toRoute(row).methods, hosts: row.hosts ?? [], stripPath: row.stripPath };
    const data = await this.prepare(tx, tenantId, { ...base, ...input }, row.id);
    return tx.route.update({ where: { id: row.id }, data, include: withService });
  }

  protected async deleteRow(tx: Tx, row: RouteRowWithService): Promise<void> {
    await tx.route.delete({ where: { id: row.id } });
  }

  /** Resolves the service, applies defaults and refuses a route any gateway could not tell from another. */
  private async prepare(tx: Tx, tenantId: string, input: RouteCreate, selfId?: string) {
    const service = await this.services.find(tx, tenantId, input.service);
    if (!service) {
      throw new ValidationError('invalid request body', [{ path: 'service', message: `service "${input.service}" does not exist in this tenant` }]);
    }
    const candidate = {
      id: selfId,
      paths: [...new Set(input.paths)],
      methods: [...new Set(input.methods ?? [])],
      hosts: [...new Set(input.hosts ?? [])],
    };
    // every tenant: gateways serve all tenants on one listener
    const sharing = await tx.route.findMany({
      where: { paths: { hasSome: candidate.paths } },
      select: { id: true, name: true, paths: true, methods: true, hosts: true, tenant: { select: { slug: true } } },
    });
    const hit = findCollision(candidate, sharing.map((r) => ({ ...r, methods: r.methods ?? [], hosts: r.hosts ?? [] })));
    if (hit) throw new ConflictError(`route collides with route "${hit.name}" of tenant "${hit.tenant.slug}" (same path, method and host)`);
    return {
      name: input.name,
      serviceId: service.id,
      paths: candidate.paths,
      methods: candidate.methods,
      hosts: candidate.hosts,
      stripPath: input.stripPath ?? false,
    };
  }
}
