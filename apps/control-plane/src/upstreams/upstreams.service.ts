import { Injectable } from '@nestjs/common';
import type { Algorithm, Target, Upstream } from '@aya/config-schema';
import { TenantResourceService, type RowQuery, type RowUsers } from '../common/tenant-resource.service';
import type { Tx } from '../db/prisma';
import type { Upstream as UpstreamRow } from '../generated/prisma/client';
import { toUpstream } from './upstream-mapper';

/** The parsed body (zod applied the algorithm and weight defaults). */
export interface UpstreamInput {
  name: string;
  algorithm: Algorithm;
  targets: Target[];
}

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
    return tx.upstream.create({ data: { tenantId, ...input, targets: targetsJson(input.targets) } });
  }

  /** PUT and PATCH alike: zod already filled a PUT body's defaults. */
  protected async updateRow(tx: Tx, _tenantId: string, row: UpstreamRow, input: Partial<UpstreamInput>): Promise<UpstreamRow> {
    const data = { ...input, targets: input.targets ? targetsJson(input.targets) : undefined };
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

  private async rewriteServiceUrls(tx: Tx, upstreamId: string, newName: string): Promise<void> {
    const services = await tx.service.findMany({ where: { upstreamId }, select: { id: true, url: true } });
    for (const s of services) {
      const url = s.url.replace(/^upstream:\/\/[^/]*/, `upstream://${newName}`);
      await tx.service.update({ where: { id: s.id }, data: { url } });
    }
  }
}
