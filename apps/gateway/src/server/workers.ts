import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import type { BoundListeners, TargetHealthReport } from '@aya/config-schema';
import type { AddressInfo } from 'node:net';
import type { GatewayEnv } from '../env';
import type { GatewayHandle, NodeProcess } from '../gateway';
import { resolveNodeId } from '../config/node-id';
import { answerLimitBatch, isLimitBatch } from '../limits/primary-store';
import { errorMessage, type Logger } from '../log';
import { Metrics } from '../metrics';
import { mergeHealth } from './merge-health';
import { createStatusServer, listenersOf } from './status-server';

/**
 * Cluster mode (AYA_GATEWAY_WORKERS > 1). The primary proxies nothing: it forks the workers
 * (they share the proxy port through node:cluster), restarts any that die, serves the ONE status
 * listener from what workers report over IPC, and on SIGTERM drains them all. Each worker runs
 * the full gateway (config client, own pools) under the primary's node id, so the control plane
 * sees one node per machine; every worker heartbeats the group's summed counters and merged
 * target health.
 */

interface WorkerReport {
  type: 'aya:report';
  ready: boolean;
  revision: number;
  hash: string;
  counters: Counters;
  /** this worker's view of its upstream targets (each worker checks and balances on its own) */
  health: TargetHealthReport[];
  listeners?: BoundListeners;
}

interface Counters {
  requests: number;
  byClass: number[];
  aborted: number;
  internalErrors: number;
  configApplies: number;
  configFailures: number;
  inFlight: number;
  limitRedisErrors: number;
  /** plugin name -> fail-closed answers */
  pluginErrors: Record<string, number>;
}

interface GroupStats {
  type: 'aya:group-stats';
  stats: Record<string, number>;
  /** every worker's view merged: what the node heartbeats, so the control plane sees one node */
  health: TargetHealthReport[];
  /** the node's processes: the primary's start and pid, the live workers */
  node: NodeProcess;
}

const REPORT_MS = 500;

function isReport(m: unknown): m is WorkerReport {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'aya:report';
}

function countersOf(m: Metrics): Counters {
  const { requests, aborted, internalErrors, configApplies, configFailures, inFlight, limitRedisErrors } = m;
  return { requests, byClass: [...m.byClass], aborted, internalErrors, configApplies, configFailures, inFlight, limitRedisErrors, pluginErrors: Object.fromEntries(m.pluginErrors) };
}

/** Sums the workers' counters into one Metrics; the revision is the lowest applied (in sync only when all are). */
function aggregate(reports: WorkerReport[]): Metrics {
  const m = new Metrics();
  m.appliedRevision = reports.length ? Math.min(...reports.map((r) => r.revision)) : -1;
  for (const { counters: c } of reports) {
    m.requests += c.requests;
    m.aborted += c.aborted;
    m.internalErrors += c.internalErrors;
    m.configApplies += c.configApplies;
    m.configFailures += c.configFailures;
    m.inFlight += c.inFlight;
    m.limitRedisErrors += c.limitRedisErrors;
    c.byClass.forEach((n, i) => (m.byClass[i] += n));
    for (const [plugin, n] of Object.entries(c.pluginErrors)) m.pluginErrors.set(plugin, (m.pluginErrors.get(plugin) ?? 0) + n);
  }
  return m;
}

export async function runPrimary(env: GatewayEnv, logger: Logger): Promise<void> {
  const startedAtMs = Date.now();
  // resolved once here: workers racing to create the node-id file would each invent their own
  const nodeId = await resolveNodeId(env.dataDir, env.nodeId);
  const reports = new Map<Worker, WorkerReport>();
  let stopping = false;
  let announced = false;

  const fork = (): void => {
    const worker = cluster.fork({ AYA_NODE_ID: nodeId });
    worker.on('message', (m: unknown) => {
      // `local` rate-limit / quota counters of the whole node live here (limits/primary-store.ts)
      if (isLimitBatch(m)) return answerLimitBatch(worker, m);
      if (!isReport(m)) return;
      reports.set(worker, m);
      const live = [...reports.values()].filter((r) => r.ready);
      if (!announced && live.length === env.workers) {
        announced = true;
        logger.info('ready', { nodeId, proxyPort: env.proxyPort, statusPort: statusPort, workers: env.workers });
      }
      const node: NodeProcess = { workers: live.length, startedAt: new Date(startedAtMs).toISOString(), pid: process.pid };
      const stats: GroupStats = { type: 'aya:group-stats', stats: aggregate(live).snapshot(), health: mergeHealth(live.map((r) => r.health)), node };
      worker.send(stats);
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    reports.delete(worker);
    if (stopping) return;
    logger.error('worker died, starting another', { pid: worker.process.pid, code, signal });
    // a short pause so a worker that dies at start-up does not spin the machine
    setTimeout(() => !stopping && fork(), 250).unref();
  });

  const status: Server = createStatusServer({
    get metrics() {
      return aggregate([...reports.values()]);
    },
    startedAtMs,
    // ready while every live worker has a config (the lowest revision, as /status reports it)
    readiness: () => {
      if (stopping) return 'draining';
      const live = [...reports.values()].filter((r) => r.ready);
      return live.length > 0 && live.every((r) => r.revision >= 0) ? 'ready' : 'no-config';
    },
    status: () => {
      const live = [...reports.entries()].filter(([, r]) => r.ready);
      const min = live.reduce<WorkerReport | null>((a, [, r]) => (a === null || r.revision < a.revision ? r : a), null);
      return {
        revision: min ? min.revision : -1,
        hash: min ? min.hash : '',
        startedAt: new Date(startedAtMs).toISOString(),
        nodeId,
        workers: live.map(([w, r]) => ({ pid: w.process.pid ?? -1, revision: r.revision, hash: r.hash, requests: r.counters.requests })),
        health: mergeHealth(live.map(([, r]) => r.health)),
        // workers share the ports through node:cluster: any ready worker's view is the node's
        listeners: live.find(([, r]) => r.listeners)?.[1].listeners,
      };
    },
  });
  const statusPort = await new Promise<number>((resolve, reject) => {
    status.once('error', reject);
    status.listen(env.statusPort, env.proxyHost, () => resolve((status.address() as AddressInfo).port));
  });
  logger.info('status listening', { port: statusPort, workers: env.workers });
  for (let i = 0; i < env.workers; i++) fork();

  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info('signal received, draining workers', { signal });
    const exits = Object.values(cluster.workers ?? {}).map(
      (w) =>
        new Promise<void>((resolve) => {
          if (!w || w.isDead()) return resolve();
          w.once('exit', () => resolve());
          w.process.kill('SIGTERM');
        }),
    );
    void Promise.all(exits).then(() => {
      status.closeAllConnections();
      status.close(() => process.exit(0));
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** Worker side: report revision + counters to the primary, take back the group's heartbeat stats. */
export interface PrimaryLink {
  /** the whole group's counters, once the primary sent them */
  groupStats(): Record<string, number> | undefined;
  /** the whole group's target health, once the primary sent it */
  groupHealth(): TargetHealthReport[] | undefined;
  /** the node's processes, once the primary sent them */
  groupNode(): NodeProcess | undefined;
  /** report now (right after start, so the primary can announce readiness) */
  sendNow(): void;
}

export function reportToPrimary(getGateway: () => GatewayHandle | undefined, logger: Logger): PrimaryLink {
  let group: GroupStats | undefined;
  process.on('message', (m: unknown) => {
    if (typeof m === 'object' && m !== null && (m as GroupStats).type === 'aya:group-stats') group = m as GroupStats;
  });
  const send = (): void => {
    const gw = getGateway();
    const report: WorkerReport = gw
      ? { type: 'aya:report', ready: true, ...gw.current(), counters: countersOf(gw.metrics), health: gw.health(), listeners: listenersOf(gw) }
      : { type: 'aya:report', ready: false, revision: -1, hash: '', counters: countersOf(new Metrics()), health: [] };
    if (process.connected) process.send?.(report, undefined, undefined, (err: Error | null) => err && logger.warn('report failed', { error: errorMessage(err) }));
  };
  setInterval(send, REPORT_MS).unref();
  return { groupStats: () => group?.stats, groupHealth: () => group?.health, groupNode: () => group?.node, sendNow: send };
}
