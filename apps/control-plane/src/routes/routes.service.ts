import { Inject, Injectable } from '@nestjs/common';
import type { Page, Route, RouteCreate } from '@aya/config-schema';
import type { Principal } from '../auth/permissions';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors';
import { idOrKey } from '../common/id-or-name';
import { PAGE_ORDER, afterCursor, toPage, type PageQuery } from '../common/pagination';
import { ConfigWriter } from '../config-flow/config-writer';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import { findService } from '../services/services.service';
import { findTenant } from '../tenants/tenant-lookup';
import { findCollision } from './collision';
import { toRoute, type RouteRowWithService } from './route-mapper';

const withService = { service: { select: { name: true } } } as const;

async function getRoute(db: Tx, tenantId: string, idOrName: string): Promise<RouteRowWithService> {
  const rows = await db.route.findMany({ where: { tenantId, ...idOrKey(idOrName, 'name') }, include: withService, take: 2 });
  const row = rows.find((r) => r.id === idOrName.toLowerCase()) ?? rows[0];
  if (!row) throw new NotFoundError(`route "${idOrName}" not found`);
  return row;
}

@Injectable()
export class RoutesService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly writer: ConfigWriter,
  ) {}

  async list(tenant: string, page: PageQuery): Promise<Page<Route>> {
    const t = await findTenant(this.prisma, tenant);
    const rows = await this.prisma.route.findMany({
      where: { tenantId: t.id, ...afterCursor(page.cursor) },
      include: withService,
      orderBy: PAGE_ORDER,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit, toRoute);
  }

  async get(tenant: string, idOrName: string): Promise<Route> {
    const t = await findTenant(this.prisma, tenant);
    return toRoute(await getRoute(this.prisma, t.id, idOrName));
  }

  create(actor: Principal, tenant: string, input: RouteCreate): Promise<Route> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      await this.assertNameFree(tx, t.id, input.name);
      const data = await this.prepare(tx, t.id, input);
      const created = toRoute(await tx.route.create({ data: { tenantId: t.id, ...data }, include: withService }));
      return { result: created, audit: { tenantId: t.id, action: 'create', resourceType: 'route', resourceId: created.id, after: created } };
    });
  }

  /** `replace` (PUT) resets omitted optional fields; PATCH keeps them. */
  update(actor: Principal, tenant: string, idOrName: string, input: Partial<RouteCreate>, replace: boolean): Promise<Route> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await getRoute(tx, t.id, idOrName);
      if (input.name !== undefined && input.name !== row.name) await this.assertNameFree(tx, t.id, input.name);
      const base: RouteCreate = replace
        ? { name: row.name, service: row.serviceId, paths: row.paths }
        : { name: row.name, service: row.serviceId, paths: row.paths, methods: methodsOf(row), hosts: row.hosts ?? [], stripPath: row.stripPath };
      const data = await this.prepare(tx, t.id, { ...base, ...input }, row.id);
      const updated = toRoute(await tx.route.update({ where: { id: row.id }, data, include: withService }));
      return {
        result: updated,
        audit: { tenantId: t.id, action: 'update', resourceType: 'route', resourceId: row.id, before: toRoute(row), after: updated },
      };
    });
  }

  remove(actor: Principal, tenant: string, idOrName: string): Promise<void> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await getRoute(tx, t.id, idOrName);
      await tx.route.delete({ where: { id: row.id } });
      return { result: undefined, audit: { tenantId: t.id, action: 'delete', resourceType: 'route', resourceId: row.id, before: toRoute(row) } };
    });
  }

  /** Resolves the service, applies defaults and refuses a route any gateway could not tell from another. */
  private async prepare(tx: Tx, tenantId: string, input: RouteCreate, selfId?: string) {
    const service = await findService(tx, tenantId, input.service);
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

  private async assertNameFree(tx: Tx, tenantId: string, name: string): Promise<void> {
    if (await tx.route.findUnique({ where: { tenantId_name: { tenantId, name } } })) {
      throw new ConflictError(`route "${name}" already exists in this tenant`);
    }
  }
}

function methodsOf(row: RouteRowWithService): RouteCreate['methods'] {
  return toRoute(row).methods;
}
