import { Inject, Injectable } from '@nestjs/common';
import { NODE_STALE_AFTER_MS, type GatewayNode, type Heartbeat, type RevisionNotice } from '@aya/config-schema';
import { ConfigReader } from '../config-flow/config-reader';
import { PRISMA, type Db } from '../db/prisma';
import { HealthHistoryService } from '../upstreams/health-history.service';

export function isInSync(
  node: { revision: number; hash: string; lastSeenAt: Date },
  current: RevisionNotice,
  now: number,
): boolean {
  return node.revision === current.revision && node.hash === current.hash && now - node.lastSeenAt.getTime() <= NODE_STALE_AFTER_MS;
}

@Injectable()
export class NodesService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly reader: ConfigReader,
    private readonly healthHistory: HealthHistoryService,
  ) {}

  async record(hb: Heartbeat): Promise<void> {
    const data = { hostname: hb.hostname, version: hb.version, revision: hb.revision, hash: hb.hash, stats: hb.stats, health: hb.health ?? [], lastSeenAt: new Date() };
    await this.prisma.gatewayNode.upsert({ where: { id: hb.nodeId }, create: { id: hb.nodeId, ...data }, update: data });
    await this.healthHistory.record(hb.nodeId, hb.health ?? []);
  }

  async list(): Promise<{ data: GatewayNode[] }> {
    const [current, rows] = [await this.reader.current(), await this.prisma.gatewayNode.findMany({ orderBy: { lastSeenAt: 'desc' } })];
    const now = Date.now();
    return {
      data: rows.map((n) => ({
        id: n.id,
        hostname: n.hostname,
        version: n.version,
        revision: n.revision,
        hash: n.hash,
        inSync: isInSync(n, current, now),
        lastSeenAt: n.lastSeenAt.toISOString(),
      })),
    };
  }
}
