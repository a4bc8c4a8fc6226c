import type { Db } from '../db/prisma';
import { log } from '../log';
import { maintenancePlan, revisionsToPrune, type RetentionSettings } from './maintenance-plan';

export interface MaintenanceResult {
  nodes: number;
  revisions: number;
  auditEvents: number;
}

/** The work of one maintenance tick; idempotent, so a tick that runs twice does no harm. */
export class MaintenanceTasks {
  constructor(
    private readonly prisma: Db,
    private readonly settings: RetentionSettings,
  ) {}

  async run(now: Date = new Date()): Promise<MaintenanceResult> {
    const plan = maintenancePlan(now, this.settings);
    const nodes = await this.prisma.gatewayNode.deleteMany({ where: plan.staleNodes });
    const oldestKept = await this.prisma.configRevision.findFirst({
      orderBy: { revision: 'desc' },
      skip: plan.keepRevisionsSkip,
      select: { revision: true },
    });
    const pruneWhere = revisionsToPrune(oldestKept?.revision);
    const revisions = pruneWhere ? await this.prisma.configRevision.deleteMany({ where: pruneWhere }) : { count: 0 };
    // the row history goes with its revisions: rollback and diff reach the kept ones (history/history.service.ts)
    if (pruneWhere) await this.prisma.configRowChange.deleteMany({ where: pruneWhere });
    const auditEvents = await this.prisma.auditEvent.deleteMany({ where: plan.oldAuditEvents });
    const result = { nodes: nodes.count, revisions: revisions.count, auditEvents: auditEvents.count };
    if (result.nodes + result.revisions + result.auditEvents > 0) {
      log.info(`maintenance: removed ${result.nodes} stale nodes, ${result.revisions} old revisions, ${result.auditEvents} old audit events`);
    }
    return result;
  }
}
