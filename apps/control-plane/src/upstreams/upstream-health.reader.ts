import { Inject, Injectable } from '@nestjs/common';
import { NODE_STALE_AFTER_MS, type UpstreamHealth, type UpstreamHealthBatch } from '@aya/config-schema';
import { NotFoundError } from '../common/errors';
import { PRISMA, type Db } from '../db/prisma';
import { findRow } from '../resources/resource-service';
import { findTenant } from '../tenants/tenant-lookup';
import { HealthHistoryService } from './health-history.service';
import { aggregateHealth } from './upstream-health';
import { UpstreamsStore } from './upstreams.store';

/** `GET .../upstreams/{id}/health` (an extra route of the upstreams resource) and `GET .../upstream-health?ids=`. */
@Injectable()
export class UpstreamHealthReader {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly upstreams: UpstreamsStore,
    private readonly history: HealthHistoryService,
  ) {}

  /** Target health as the gateways seen within NODE_STALE_AFTER_MS last reported it, and the kept history. */
  async health(tenant: string, idOrName: string): Promise<UpstreamHealth> {
    const t = await findTenant(this.prisma, tenant);
    const row = await findRow(this.upstreams, 'name', this.prisma, { tenantId: t.id }, idOrName);
    if (!row) throw new NotFoundError(`upstream "${idOrName}" not found`);
    const upstream = this.upstreams.toDto(row);
    const [nodes, history] = await Promise.all([this.freshNodes(), this.history.history(upstream.id)]);
    return { data: aggregateHealth(upstream.id, upstream.targets.map((t) => t.target), nodes), history, sampleMs: this.history.sampleMs };
  }

  /** Health now of the tenant's upstreams among `ids` (others', and unknown ids, are left out), one node read for all. */
  async batch(tenant: string, ids: readonly string[]): Promise<UpstreamHealthBatch> {
    const t = await findTenant(this.prisma, tenant);
    const rows = await this.upstreams.findRows(this.prisma, { where: { tenantId: t.id, id: { in: [...ids] } }, take: ids.length });
    const nodes = rows.length === 0 ? [] : await this.freshNodes();
    const byId = new Map(rows.map((r) => [r.id, this.upstreams.toDto(r)]));
    // in the order asked (a list page's order), each once
    return {
      data: [...new Set(ids)].flatMap((id) => {
        const upstream = byId.get(id);
        return upstream ? [{ upstreamId: id, targets: aggregateHealth(id, upstream.targets.map((x) => x.target), nodes) }] : [];
      }),
    };
  }

  private freshNodes() {
    return this.prisma.gatewayNode.findMany({
      where: { lastSeenAt: { gte: new Date(Date.now() - NODE_STALE_AFTER_MS) } },
      select: { id: true, lastSeenAt: true, health: true },
    });
  }
}
