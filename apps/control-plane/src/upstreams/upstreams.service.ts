import { Injectable } from '@nestjs/common';
import type { Algorithm, Target, Upstream, UpstreamCreate } from '@aya/config-schema';
import { mergeOptions, optionsOf, readOptions } from '../common/options';
import { NODE_STALE_AFTER_MS } from '@aya/config-schema';
import { TenantResourceService, type RowQuery, type RowUsers } from '../common/tenant-resource.service';
import type { Tx } from '../db/prisma';
import type { Upstream as UpstreamRow } from '../generated/prisma/client';
import { aggregateHealth, type TargetHealth } from './upstream-health';
import { UPSTREAM_CORE_KEYS, toUpstream } from './upstream-mapper';

/** The parsed body (zod applied the algorithm and weight defaults); optional fields go to `options`. */
export type UpstreamInput = Omit<UpstreamCreate, 'algorithm' | 'targets'> & { algorithm: Algorithm; targets: Target[] };

/** Plain object literals: what Prisma's Json input type accepts. */
const targetsJson = (targets: Target[]) => targets.map((t) => ({ target: t.target, weight: t.weight }));

@Injectable()
export class UpstreamsService extends TenantResourceService<UpstreamRow, Upstream, UpstreamInput> {
  protected readonly kind = 'upstream';

  protected findRows(db: Tx, query: RowQuery): Promise<UpstreamRow[]> {
    return db.upstream.findMany(query);
  }

  protected toDto(row: UpstreamRow): Upstream {
    return toUpstream(row);
  }

  protected insertRow(tx: Tx, tenantId: string, input: UpstreamInput): Promise<UpstreamRow> {
    const data = { name: input.name, algorithm: input.algorithm, targets: targetsJson(input.targets), options: optionsOf(input, UPSTREAM_CORE_KEYS) };
    return tx.upstream.create({ data: { tenantId, ...data } });
  }

  /** Core fields: PUT and PATCH alike (zod already filled a PUT body's defaults); options: PUT replaces, PATCH merges. */
  protected async updateRow(tx: Tx, _tenantId: string, row: UpstreamRow, input: Partial<UpstreamInput>, replace: boolean): Promise<UpstreamRow> {
    const options = replace ? optionsOf(input, UPSTREAM_CORE_KEYS) : mergeOptions(readOptions(row.options), input, UPSTREAM_CORE_KEYS);
    const data = { name: input.name, algorithm: input.algorithm, targets: input.targets ? targetsJson(input.targets) : undefined, options };
    const updated = await tx.upstream.update({ where: { id: row.id }, data });
    // services address upstreams by name (upstream://<name>): keep their urls pointing at the renamed one
    if (updated.name !== row.name) await this.rewriteServiceUrls(tx, row.id, updated.name);
    return updated;
  }

  protected async deleteRow(tx: Tx, row: UpstreamRow): Promise<void> {
    await tx.upstream.delete({ where: { id: row.id } });
  }

  protected override async usersOf(tx: Tx, row: UpstreamRow): Promise<RowUsers> {
    const services = await tx.service.findMany({ where: { upstreamId: row.id }, select: { name: true }, take: 5 });
    return { what: 'services', names: services.map((s) => s.name) };
  }

  /** Target health as the gateways seen within NODE_STALE_AFTER_MS last reported it. */
  async health(tenant: string, idOrName: string): Promise<{ data: TargetHealth[] }> {
    const upstream = await this.get(tenant, idOrName);
    const nodes = await this.prisma.gatewayNode.findMany({
      where: { lastSeenAt: { gte: new Date(Date.now() - NODE_STALE_AFTER_MS) } },
      select: { id: true, lastSeenAt: true, health: true },
    });
    return { data: aggregateHealth(upstream.id, upstream.targets.map((t) => t.target), nodes) };
  }

  private async rewriteServiceUrls(tx: Tx, upstreamId: string, newName: string): Promise<void> {
    const services = await tx.service.findMany({ where: { upstreamId }, select: { id: true, url: true } });
    for (const s of services) {
      const url = s.url.replace(/^upstream:\/\/[^/]*/, `upstream://${newName}`);
      await tx.service.update({ where: { id: s.id }, data: { url } });
    }
  }
}
