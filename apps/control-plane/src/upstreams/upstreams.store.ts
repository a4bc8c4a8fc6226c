import { Injectable } from '@nestjs/common';
import type { Algorithm, Target, Upstream, UpstreamCreate } from '@aya/config-schema';
import { mergeOptions, optionsOf, readOptions } from '../common/options';
import type { ItemKey } from '../config-flow/config-index';
import type { Tx } from '../db/prisma';
import type { Prisma, Upstream as UpstreamRow } from '../generated/prisma/client';
import type { TenantParent } from '../resources/parents';
import { refuseWhileUsed } from '../resources/refuse-while-used';
import type { ResourceStore, RowQuery } from '../resources/resource-definition';
import { UPSTREAM_CORE_KEYS, toUpstream } from './upstream-mapper';

/** The parsed body (zod applied the algorithm and weight defaults); optional fields go to `options`. */
export type UpstreamInput = Omit<UpstreamCreate, 'algorithm' | 'targets'> & { algorithm: Algorithm; targets: Target[] };

/** Plain object literals: what Prisma's Json input type accepts. */
const targetsJson = (targets: Target[]) => targets.map((t) => ({ target: t.target, weight: t.weight }));

/** The upstreams table; a rename follows into the services addressing it (upstreams.resource.ts). */
@Injectable()
export class UpstreamsStore implements ResourceStore<UpstreamRow, Upstream, UpstreamInput, TenantParent> {
  findRows(db: Tx, query: RowQuery): Promise<UpstreamRow[]> {
    return db.upstream.findMany(query as Prisma.UpstreamFindManyArgs);
  }

  toDto(row: UpstreamRow): Upstream {
    return toUpstream(row);
  }

  insertRow(tx: Tx, { tenantId }: TenantParent, input: UpstreamInput): Promise<UpstreamRow> {
    const data = { name: input.name, algorithm: input.algorithm, targets: targetsJson(input.targets), options: optionsOf(input, UPSTREAM_CORE_KEYS) };
    return tx.upstream.create({ data: { tenantId, ...data } });
  }

  /** Core fields: PUT and PATCH alike (zod already filled a PUT body's defaults); options: PUT replaces, PATCH merges. */
  async updateRow(tx: Tx, _parent: TenantParent, row: UpstreamRow, input: Partial<UpstreamInput>, replace: boolean): Promise<UpstreamRow> {
    const options = replace ? optionsOf(input, UPSTREAM_CORE_KEYS) : mergeOptions(readOptions(row.options), input, UPSTREAM_CORE_KEYS);
    const data = { name: input.name, algorithm: input.algorithm, targets: input.targets ? targetsJson(input.targets) : undefined, options };
    const updated = await tx.upstream.update({ where: { id: row.id }, data });
    // services address upstreams by name (upstream://<name>): keep their urls pointing at the renamed one
    if (updated.name !== row.name) await this.rewriteServiceUrls(tx, row.id, updated.name);
    return updated;
  }

  async deleteRow(tx: Tx, row: UpstreamRow): Promise<void> {
    await tx.upstream.delete({ where: { id: row.id } });
  }

  async beforeDelete(tx: Tx, row: UpstreamRow): Promise<void> {
    const services = await tx.service.findMany({ where: { upstreamId: row.id }, select: { name: true }, take: 5 });
    refuseWhileUsed('upstream', row.name, 'services', services.map((s) => s.name));
  }

  /** Services resolve `upstream://<name>`: any write to an upstream can change what they point at. */
  async alsoChanges(tx: Tx, { tenantId }: TenantParent): Promise<ItemKey[]> {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id::text AS id FROM services WHERE tenant_id = ${tenantId}::uuid AND url LIKE 'upstream://%'`;
    return rows.map((r) => ({ kind: 'service', id: r.id }));
  }

  private async rewriteServiceUrls(tx: Tx, upstreamId: string, newName: string): Promise<void> {
    const services = await tx.service.findMany({ where: { upstreamId }, select: { id: true, url: true } });
    for (const s of services) {
      const url = s.url.replace(/^upstream:\/\/[^/]*/, `upstream://${newName}`);
      await tx.service.update({ where: { id: s.id }, data: { url } });
    }
  }
}
