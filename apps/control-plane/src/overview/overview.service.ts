import { Inject, Injectable } from '@nestjs/common';
import type { OverviewChange, TenantOverview } from '@aya/config-schema';
import { AppConfig } from '../app-config';
import { toAuditLogEntry } from '../audit/audit-reader';
import { PRISMA, type Db } from '../db/prisma';
import { NodesService } from '../nodes/nodes.service';
import { findTenant } from '../tenants/tenant-lookup';
import { UpstreamsStore } from '../upstreams/upstreams.store';
import { summarizeNodes, summarizeTargetHealth } from './overview-summary';

/** How many of the newest config changes the overview carries (the audit log and config history have the rest). */
export const OVERVIEW_RECENT_CHANGES = 6;

/** The tenant's home dashboard in one read: counts, target health, gateway sync, latest changes. */
@Injectable()
export class OverviewService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly nodes: NodesService,
    private readonly upstreams: UpstreamsStore,
    private readonly config: AppConfig,
  ) {}

  async overview(tenantRef: string): Promise<TenantOverview> {
    const tenant = await findTenant(this.prisma, tenantRef);
    const where = { tenantId: tenant.id };
    const [services, routes, upstreams, certificates, consumers, plugins] = await Promise.all([
      this.prisma.service.count({ where }),
      this.prisma.route.count({ where }),
      this.prisma.upstream.count({ where }),
      this.prisma.certificate.count({ where }),
      this.prisma.consumer.count({ where }),
      this.prisma.plugin.count({ where }),
    ]);
    const [upstreamHealth, nodes, changes] = await Promise.all([
      this.targetHealth(tenant.id),
      this.nodes.list(),
      this.recentChanges(tenant.id),
    ]);
    return {
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      counts: { services, routes, upstreams, certificates, consumers, plugins },
      upstreamHealth,
      nodes: summarizeNodes(nodes.data),
      recentChanges: changes,
    };
  }

  /** Config writes only (they made a revision): members and tokens are in the audit log, not in the config. */
  private async recentChanges(tenantId: string): Promise<OverviewChange[]> {
    const rows = await this.prisma.auditEvent.findMany({
      where: { tenantId, revision: { not: null } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: OVERVIEW_RECENT_CHANGES,
    });
    return rows.map((row) => {
      const e = toAuditLogEntry(row);
      return { id: e.id, action: e.action, resource: e.resource, actor: { kind: e.actor.kind, name: e.actor.name }, revision: e.revision, createdAt: e.createdAt };
    });
  }

  private async targetHealth(tenantId: string) {
    const [rows, fresh] = await Promise.all([
      this.prisma.upstream.findMany({ where: { tenantId } }),
      // the nodes NodesService calls in sync or drifting: a stale node's last report is no news
      this.prisma.gatewayNode.findMany({ where: { lastSeenAt: { gte: new Date(Date.now() - this.config.env.AYA_NODE_STALE_AFTER_MS) } }, select: { health: true } }),
    ]);
    const upstreams = rows.map((row) => {
      const u = this.upstreams.toDto(row);
      return { id: u.id, targets: u.targets.map((t) => t.target) };
    });
    return summarizeTargetHealth(upstreams, fresh);
  }
}
