import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_DEFAULTS, parseServiceUrl, type Page, type Service, type ServiceCreate } from '@aya/config-schema';
import type { Principal } from '../auth/permissions';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors';
import { idOrKey } from '../common/id-or-name';
import { PAGE_ORDER, afterCursor, toPage, type PageQuery } from '../common/pagination';
import { ConfigWriter } from '../config-flow/config-writer';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import type { Service as ServiceRow } from '../generated/prisma/client';
import { findTenant } from '../tenants/tenant-lookup';
import { toService } from './service-mapper';

export async function findService(db: Tx, tenantId: string, idOrName: string): Promise<ServiceRow | undefined> {
  const rows = await db.service.findMany({ where: { tenantId, ...idOrKey(idOrName, 'name') }, take: 2 });
  return rows.find((s) => s.id === idOrName.toLowerCase()) ?? rows[0];
}

async function getService(db: Tx, tenantId: string, idOrName: string): Promise<ServiceRow> {
  const row = await findService(db, tenantId, idOrName);
  if (!row) throw new NotFoundError(`service "${idOrName}" not found`);
  return row;
}

@Injectable()
export class ServicesService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly writer: ConfigWriter,
  ) {}

  async list(tenant: string, page: PageQuery): Promise<Page<Service>> {
    const t = await findTenant(this.prisma, tenant);
    const rows = await this.prisma.service.findMany({
      where: { tenantId: t.id, ...afterCursor(page.cursor) },
      orderBy: PAGE_ORDER,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit, toService);
  }

  async get(tenant: string, idOrName: string): Promise<Service> {
    const t = await findTenant(this.prisma, tenant);
    return toService(await getService(this.prisma, t.id, idOrName));
  }

  create(actor: Principal, tenant: string, input: ServiceCreate): Promise<Service> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      await this.assertNameFree(tx, t.id, input.name);
      const data = { ...withDefaults(input), upstreamId: await this.resolveUpstream(tx, t.id, input.url) };
      const created = toService(await tx.service.create({ data: { tenantId: t.id, ...data } }));
      return { result: created, audit: { tenantId: t.id, action: 'create', resourceType: 'service', resourceId: created.id, after: created } };
    });
  }

  /** `replace` (PUT) resets omitted optional fields to their defaults; PATCH keeps them. */
  update(actor: Principal, tenant: string, idOrName: string, input: Partial<ServiceCreate>, replace: boolean): Promise<Service> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await getService(tx, t.id, idOrName);
      if (input.name !== undefined && input.name !== row.name) await this.assertNameFree(tx, t.id, input.name);
      const merged: ServiceCreate = replace
        ? withDefaults({ name: input.name ?? row.name, url: input.url ?? row.url, ...input })
        : { name: row.name, url: row.url, connectTimeoutMs: row.connectTimeoutMs, readTimeoutMs: row.readTimeoutMs, retries: row.retries, ...input };
      const data = { ...merged, upstreamId: await this.resolveUpstream(tx, t.id, merged.url) };
      const updated = toService(await tx.service.update({ where: { id: row.id }, data }));
      return {
        result: updated,
        audit: { tenantId: t.id, action: 'update', resourceType: 'service', resourceId: row.id, before: toService(row), after: updated },
      };
    });
  }

  remove(actor: Principal, tenant: string, idOrName: string): Promise<void> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await getService(tx, t.id, idOrName);
      const users = await tx.route.findMany({ where: { serviceId: row.id }, select: { name: true }, take: 5 });
      if (users.length > 0) {
        throw new ConflictError(`service "${row.name}" is used by routes: ${users.map((r) => r.name).join(', ')}`);
      }
      await tx.service.delete({ where: { id: row.id } });
      return { result: undefined, audit: { tenantId: t.id, action: 'delete', resourceType: 'service', resourceId: row.id, before: toService(row) } };
    });
  }

  /** upstream://<name> must name an upstream of the same tenant: the snapshot stores its id. */
  private async resolveUpstream(tx: Tx, tenantId: string, url: string): Promise<string | null> {
    const parsed = parseServiceUrl(url);
    if (parsed?.kind !== 'upstream') return null;
    const upstream = await tx.upstream.findUnique({ where: { tenantId_name: { tenantId, name: parsed.upstream } } });
    if (!upstream) {
      throw new ValidationError('invalid request body', [{ path: 'url', message: `upstream "${parsed.upstream}" does not exist in this tenant` }]);
    }
    return upstream.id;
  }

  private async assertNameFree(tx: Tx, tenantId: string, name: string): Promise<void> {
    if (await tx.service.findUnique({ where: { tenantId_name: { tenantId, name } } })) {
      throw new ConflictError(`service "${name}" already exists in this tenant`);
    }
  }
}

function withDefaults(input: ServiceCreate): Required<ServiceCreate> {
  return {
    name: input.name,
    url: input.url,
    connectTimeoutMs: input.connectTimeoutMs ?? SERVICE_DEFAULTS.connectTimeoutMs,
    readTimeoutMs: input.readTimeoutMs ?? SERVICE_DEFAULTS.readTimeoutMs,
    retries: input.retries ?? SERVICE_DEFAULTS.retries,
  };
}
