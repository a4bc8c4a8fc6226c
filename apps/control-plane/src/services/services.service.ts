import { Injectable } from '@nestjs/common';
import { SERVICE_DEFAULTS, parseServiceUrl, type Service, type ServiceCreate } from '@aya/config-schema';
import { ValidationError } from '../common/errors';
import { TenantResourceService, type RowQuery, type RowUsers } from '../common/tenant-resource.service';
import type { Tx } from '../db/prisma';
import type { Service as ServiceRow } from '../generated/prisma/client';
import { toService } from './service-mapper';

@Injectable()
export class ServicesService extends TenantResourceService<ServiceRow, Service, ServiceCreate> {
  protected readonly kind = 'service';

  protected findRows(db: Tx, query: RowQuery): Promise<ServiceRow[]> {
    return db.service.findMany(query);
  }

  protected toDto(row: ServiceRow): Service {
    return toService(row);
  }

  protected async insertRow(tx: Tx, tenantId: string, input: ServiceCreate): Promise<ServiceRow> {
    const data = { ...withDefaults(input), upstreamId: await this.resolveUpstream(tx, tenantId, input.url) };
    return tx.service.create({ data: { tenantId, ...data } });
  }

  protected async updateRow(tx: Tx, tenantId: string, row: ServiceRow, input: Partial<ServiceCreate>, replace: boolean): Promise<ServiceRow> {
    const merged: ServiceCreate = replace
      ? withDefaults({ name: input.name ?? row.name, url: input.url ?? row.url, ...input })
      : { name: row.name, url: row.url, connectTimeoutMs: row.connectTimeoutMs, readTimeoutMs: row.readTimeoutMs, retries: row.retries, ...input };
    const data = { ...merged, upstreamId: await this.resolveUpstream(tx, tenantId, merged.url) };
    return tx.service.update({ where: { id: row.id }, data });
  }

  protected async deleteRow(tx: Tx, row: ServiceRow): Promise<void> {
    await tx.service.delete({ where: { id: row.id } });
  }

  protected override async usersOf(tx: Tx, row: ServiceRow): Promise<RowUsers> {
    const routes = await tx.route.findMany({ where: { serviceId: row.id }, select: { name: true }, take: 5 });
    return { what: 'routes', names: routes.map((r) => r.name) };
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
}

/** The columns a service row stores (the contract's newer optional fields are not persisted yet). */
type StoredService = Pick<Required<ServiceCreate>, 'name' | 'url' | 'connectTimeoutMs' | 'readTimeoutMs' | 'retries'>;

function withDefaults(input: ServiceCreate): StoredService {
  return {
    name: input.name,
    url: input.url,
    connectTimeoutMs: input.connectTimeoutMs ?? SERVICE_DEFAULTS.connectTimeoutMs,
    readTimeoutMs: input.readTimeoutMs ?? SERVICE_DEFAULTS.readTimeoutMs,
    retries: input.retries ?? SERVICE_DEFAULTS.retries,
  };
}
