import { Injectable } from '@nestjs/common';
import { SERVICE_DEFAULTS, parseServiceUrl, type ErrorDetail, type Service, type ServiceCreate } from '@aya/config-schema';
import { ValidationError } from '../common/errors';
import { mergeOptions, optionsOf, readOptions, type Options } from '../common/options';
import type { ItemKey } from '../config-flow/config-index';
import { findTenantCertificate } from '../certificates/certificate-lookup';
import type { Tx } from '../db/prisma';
import type { Prisma, Service as ServiceRow } from '../generated/prisma/client';
import { refuseWhileUsed } from '../resources/refuse-while-used';
import { scopedPluginItems } from '../plugins/plugin-cascade';
import type { TenantParent } from '../resources/parents';
import type { ResourceStore, RowQuery } from '../resources/resource-definition';
import { SERVICE_CORE_KEYS, toService } from './service-mapper';

/** Service fields naming a certificate of the same tenant (deleting one still named is refused). */
export const CERTIFICATE_REF_KEYS = ['clientCertificateId', 'caCertificateId'] as const;

/** The services table; the url's upstream and certificate references are checked here (services.resource.ts). */
@Injectable()
export class ServicesStore implements ResourceStore<ServiceRow, Service, ServiceCreate, TenantParent> {
  findRows(db: Tx, query: RowQuery): Promise<ServiceRow[]> {
    return db.service.findMany(query as Prisma.ServiceFindManyArgs);
  }

  toDto(row: ServiceRow): Service {
    return toService(row);
  }

  async insertRow(tx: Tx, { tenantId }: TenantParent, input: ServiceCreate): Promise<ServiceRow> {
    const options = optionsOf(input, SERVICE_CORE_KEYS);
    const data = { ...withDefaults(input), upstreamId: await this.check(tx, tenantId, input.url, options), options };
    return tx.service.create({ data: { tenantId, ...data } });
  }

  async updateRow(tx: Tx, { tenantId }: TenantParent, row: ServiceRow, input: Partial<ServiceCreate>, replace: boolean): Promise<ServiceRow> {
    const merged: ServiceCreate = replace
      ? withDefaults({ name: input.name ?? row.name, url: input.url ?? row.url, ...input })
      : { name: row.name, url: row.url, connectTimeoutMs: row.connectTimeoutMs, readTimeoutMs: row.readTimeoutMs, retries: row.retries, ...input };
    const options = replace ? optionsOf(input, SERVICE_CORE_KEYS) : mergeOptions(readOptions(row.options), input, SERVICE_CORE_KEYS);
    const data = { ...withDefaults(merged), upstreamId: await this.check(tx, tenantId, merged.url, options), options };
    return tx.service.update({ where: { id: row.id }, data });
  }

  /** Plugins scoped to the service go with it (foreign key cascade): their items leave the config in the same revision. */
  cascade(tx: Tx, row: ServiceRow): Promise<ItemKey[]> {
    return scopedPluginItems(tx, { serviceId: row.id });
  }

  async deleteRow(tx: Tx, row: ServiceRow): Promise<void> {
    await tx.service.delete({ where: { id: row.id } });
  }

  async beforeDelete(tx: Tx, row: ServiceRow): Promise<void> {
    const routes = await tx.route.findMany({ where: { serviceId: row.id }, select: { name: true }, take: 5 });
    // routes splitting traffic onto it or falling back to it name it by id inside their options (see RoutesStore)
    const splitting = await tx.$queryRaw<Array<{ name: string }>>`
      SELECT name FROM routes
      WHERE options @> ${JSON.stringify({ split: { services: [{ service: row.id }] } })}::jsonb
         OR options @> ${JSON.stringify({ split: { match: [{ service: row.id }] } })}::jsonb
         OR options @> ${JSON.stringify({ fallback: { service: row.id } })}::jsonb
      LIMIT 5`;
    refuseWhileUsed('service', row.name, 'routes', [...new Set([...routes.map((r) => r.name), ...splitting.map((r) => r.name)])]);
  }

  /** Cross-field and cross-resource rules the contract's schema cannot check; returns the upstream id. */
  private async check(tx: Tx, tenantId: string, url: string, options: Options): Promise<string | null> {
    const details: ErrorDetail[] = [];
    const parsed = parseServiceUrl(url);
    if (parsed?.kind === 'url' && options.protocol !== undefined && options.protocol !== parsed.protocol) {
      details.push({ path: 'protocol', message: `must agree with the url scheme (${parsed.protocol})` });
    }
    for (const key of CERTIFICATE_REF_KEYS) {
      const id = options[key];
      if (typeof id !== 'string') continue;
      const cert = await findTenantCertificate(tx, tenantId, id);
      if (!cert) details.push({ path: key, message: `certificate "${id}" does not exist in this tenant` });
      else if (key === 'clientCertificateId' && cert.keyEncrypted === null) details.push({ path: key, message: 'certificate has no private key' });
      // stored as the canonical id: the delete check and the gateway compare ids exactly
      else options[key] = cert.id;
    }
    let upstreamId: string | null = null;
    if (parsed?.kind === 'upstream') {
      // upstream://<name> must name an upstream of the same tenant: the snapshot stores its id
      const upstream = await tx.upstream.findUnique({ where: { tenantId_name: { tenantId, name: parsed.upstream } } });
      if (upstream) upstreamId = upstream.id;
      else details.push({ path: 'url', message: `upstream "${parsed.upstream}" does not exist in this tenant` });
    }
    if (details.length > 0) throw new ValidationError('invalid request body', details);
    return upstreamId;
  }
}

/** The columns a service row stores. */
type StoredService = Pick<Required<ServiceCreate>, (typeof SERVICE_CORE_KEYS)[number]>;

function withDefaults(input: ServiceCreate): StoredService {
  return {
    name: input.name,
    url: input.url,
    connectTimeoutMs: input.connectTimeoutMs ?? SERVICE_DEFAULTS.connectTimeoutMs,
    readTimeoutMs: input.readTimeoutMs ?? SERVICE_DEFAULTS.readTimeoutMs,
    retries: input.retries ?? SERVICE_DEFAULTS.retries,
  };
}
