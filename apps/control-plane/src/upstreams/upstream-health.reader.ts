import { Inject, Injectable } from '@nestjs/common';
import { NODE_STALE_AFTER_MS } from '@aya/config-schema';
import { NotFoundError } from '../common/errors';
import { PRISMA, type Db } from '../db/prisma';
import { findRow } from '../resources/resource-service';
import { findTenant } from '../tenants/tenant-lookup';
import { aggregateHealth, type TargetHealth } from './upstream-health';
import { UpstreamsStore } from './upstreams.store';

/** `GET .../upstreams/{id}/health`, plugged into the upstreams resource as an extra route. */
@Injectable()
export class UpstreamHealthReader {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly upstreams: UpstreamsStore,
  ) {}

  /** Target health as the gateways seen within NODE_STALE_AFTER_MS last reported it. */
  async health(tenant: string, idOrName: string): Promise<{ data: TargetHealth[] }> {
    const t = await findTenant(this.prisma, tenant);
    const row = await findRow(this.upstreams, 'name', this.prisma, { tenantId: t.id }, idOrName);
    if (!row) throw new NotFoundError(`upstream "${idOrName}" not found`);
    const upstream = this.upstreams.toDto(row);
    const nodes = await this.prisma.gatewayNode.findMany({
      where: { lastSeenAt: { gte: new Date(Date.now() - NODE_STALE_AFTER_MS) } },
      select: { id: true, lastSeenAt: true, health: true },
    });
    return { data: aggregateHealth(upstream.id, upstream.targets.map((t) => t.target), nodes) };
  }
}
