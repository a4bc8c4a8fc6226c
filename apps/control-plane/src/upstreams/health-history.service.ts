import { Inject, Injectable } from '@nestjs/common';
import { TARGET_STATE_SEVERITY, type TargetHealthReport, type TargetHealthSample } from '@aya/config-schema';
import { AppConfig } from '../app-config';
import { PRISMA, type Db } from '../db/prisma';
import { errorMessage, log } from '../log';
import { HEALTH_HISTORY_SAMPLES, historyOf, sampleRows, sampleStart } from './health-history';

/** States from best to worst, for the upsert that keeps the worst of an interval. */
const BY_SEVERITY = `{${Object.entries(TARGET_STATE_SEVERITY)
  .sort((a, b) => a[1] - b[1])
  .map(([state]) => state)
  .join(',')}}`;

/**
 * Recent target health, kept in Postgres (the control plane may run without Redis) from every heartbeat:
 * one row per node, target and interval, the worst state the node reported in it. Pruned as it writes, so the
 * table holds HEALTH_HISTORY_SAMPLES intervals whatever the number of nodes.
 */
@Injectable()
export class HealthHistoryService {
  readonly sampleMs: number;
  private prunedAt = 0;

  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    config: AppConfig,
  ) {
    this.sampleMs = config.env.AYA_HEALTH_SAMPLE_MS;
  }

  /** The start of the oldest interval kept at `now`: the last HEALTH_HISTORY_SAMPLES intervals, the current one included. */
  private oldestKept(now: number): Date {
    return new Date(sampleStart(now, this.sampleMs).getTime() - (HEALTH_HISTORY_SAMPLES - 1) * this.sampleMs);
  }

  /** Stores one heartbeat's health. Never throws: the history must not cost a node its heartbeat. */
  async record(nodeId: string, health: readonly TargetHealthReport[], now = Date.now()): Promise<void> {
    try {
      const rows = sampleRows(health);
      if (rows.length > 0) await this.upsert(nodeId, sampleStart(now, this.sampleMs), rows);
      if (now - this.prunedAt >= this.sampleMs) {
        this.prunedAt = now;
        await this.prisma.targetHealthSample.deleteMany({ where: { at: { lt: this.oldestKept(now) } } });
      }
    } catch (err) {
      log.error(`health history not recorded for node ${nodeId}: ${errorMessage(err)}`);
    }
  }

  /** One statement per heartbeat however many targets: the rows go in as one JSON array. */
  private async upsert(nodeId: string, at: Date, rows: ReturnType<typeof sampleRows>): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO target_health_samples (upstream_id, target, node_id, at, state, latency_ms)
      SELECT r."upstreamId", r.target, ${nodeId}, ${at}, r.state, r."latencyMs"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("upstreamId" uuid, target text, state text, "latencyMs" double precision)
      ON CONFLICT (upstream_id, target, node_id, at) DO UPDATE SET
        state = CASE WHEN array_position(${BY_SEVERITY}::text[], EXCLUDED.state) > array_position(${BY_SEVERITY}::text[], target_health_samples.state)
                     THEN EXCLUDED.state ELSE target_health_samples.state END,
        latency_ms = EXCLUDED.latency_ms`;
  }

  /** The kept history of one upstream (the caller found it in the tenant). */
  async history(upstreamId: string, now = Date.now()): Promise<Array<{ target: string; samples: TargetHealthSample[] }>> {
    const samples = await this.prisma.targetHealthSample.findMany({
      where: { upstreamId, at: { gte: this.oldestKept(now) } },
      select: { upstreamId: true, target: true, at: true, state: true, latencyMs: true },
    });
    return historyOf(samples);
  }
}
