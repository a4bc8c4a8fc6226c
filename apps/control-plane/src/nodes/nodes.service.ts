import { Inject, Injectable } from '@nestjs/common';
import type { GatewayNode, Heartbeat } from '@aya/config-schema';
import { AppConfig } from '../app-config';
import { ConfigReader } from '../config-flow/config-reader';
import { PRISMA, type Db } from '../db/prisma';
import { HealthHistoryService } from '../upstreams/health-history.service';
import { nodeView, normalizeAddress } from './node-view';

@Injectable()
export class NodesService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly reader: ConfigReader,
    private readonly config: AppConfig,
    private readonly healthHistory: HealthHistoryService,
  ) {}

  /** `remoteAddress`: where the heartbeat came from (the socket's peer, or X-Forwarded-For under AYA_TRUST_PROXY). */
  async record(hb: Heartbeat, remoteAddress?: string): Promise<void> {
    const data = {
      hostname: hb.hostname,
      version: hb.version,
      revision: hb.revision,
      hash: hb.hash,
      stats: hb.stats,
      health: hb.health ?? [],
      lastSeenAt: new Date(),
      address: normalizeAddress(remoteAddress),
      // an older gateway leaves them out: null, not what a newer one said before a downgrade
      workers: hb.workers ?? null,
      pid: hb.pid ?? null,
      runtime: hb.runtime ?? null,
      startedAt: hb.startedAt ? new Date(hb.startedAt) : null,
      proxyUrls: hb.proxyUrls ?? [],
    };
    await this.prisma.gatewayNode.upsert({ where: { id: hb.nodeId }, create: { id: hb.nodeId, ...data }, update: data });
    await this.healthHistory.record(hb.nodeId, hb.health ?? []);
  }

  async list(): Promise<{ data: GatewayNode[] }> {
    const [current, rows] = [await this.reader.current(), await this.prisma.gatewayNode.findMany({ orderBy: { lastSeenAt: 'desc' } })];
    const now = Date.now();
    return { data: rows.map((n) => nodeView(n, current, now, this.config.env.AYA_NODE_STALE_AFTER_MS)) };
  }
}
