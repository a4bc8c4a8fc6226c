import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { emptySnapshot, type TargetHealthReport } from '@aya/config-schema';
import { compileSnapshot } from './compile/compile';
import type { CompiledConfig } from './compile/types';
import { ConfigClient } from './config/config-client';
import { ControlPlaneClient } from './config/control-plane-client';
import { resolveNodeId } from './config/node-id';
import { msSince, type NodeFacts, type PullTiming } from './config/config-client';
import type { ConfigState } from './config/config-state';
import { loadSnapshotFile } from './config/snapshot-file';
import { consoleLogger, errorMessage, type Logger } from './log';
import { HealthRegistry } from './health/health-registry';
import { Metrics } from './metrics';
import { closeRetiredPlugins } from './plugins/retire';
import { definitionsOf } from './plugins/registry';
import { TRUSTED_CAS_SERVICE, TrustedCas } from './plugins/mtls-auth/trusted-cas';
import { ProcessPluginShared } from './plugins/shared';
import type { AnyPluginDefinition } from './plugins/types';
import { createProxyHandler } from './proxy/handler';
import { DEFAULT_LIMITS, type ProxyLimits } from './proxy/limits';
import { httpParser } from './proxy/h1-parser';
import { PoolRegistry } from './proxy/pool-registry';
import { createUpgradeProxy } from './proxy/upgrade';
import { RetryBudgets } from './proxy/retry-budget';
import { createProxyServer, KEEPALIVE_GRACE_MS, openConnections, stopAccepting } from './server/proxy-server';
import { wantsClientCertificates } from './server/client-certificates';
import { startExtraListeners } from './server/extra-listeners';
import { createStatusServer, listenersOf } from './server/status-server';
import { proxyUrlsOf } from './server/proxy-urls';
import { CertificateStore } from './tls/certificate-store';
import { VERSION } from './version';

export interface GatewayOptions {
  proxyPort: number;
  proxyHost?: string;
  /** null: no status listener (cluster workers: the primary serves /status for all of them) */
  statusPort: number | null;
  statusHost?: string;
  controlPlaneUrl: string;
  clusterToken: string;
  redisUrl?: string;
  dataDir: string;
  nodeId?: string;
  reconcileIntervalMs?: number;
  heartbeatIntervalMs?: number;
  logger?: Logger;
  /** heartbeat stats; cluster workers report the whole process group's */
  heartbeatStats?: () => Record<string, number>;
  /** what heartbeats report as target health (cluster workers: the whole group's); default: this process's */
  heartbeatHealth?: () => TargetHealthReport[] | undefined;
  /** the node's processes as heartbeats report them (cluster workers: the primary's, once it said); default: this one */
  heartbeatProcess?: () => NodeProcess | undefined;
  /** body / header limits and slow-client timeouts of the proxy listener */
  limits?: ProxyLimits;
  /** 'undici': no lean HTTP/1.1 client for plain-HTTP targets (AYA_UPSTREAM_CLIENT) */
  upstreamClient?: 'lean' | 'undici';
  /** how long stop() lets in-flight requests finish */
  drainTimeoutMs?: number;
  /** HTTPS listener (SNI certificates from config, h2 + http/1.1 by ALPN); null/absent: none, 0: any port */
  tlsPort?: number | null;
  /** false: a tlsPort already in use is logged and skipped instead of failing the start */
  tlsPortRequired?: boolean;
  /** cleartext HTTP/2 (prior knowledge) listener; null/absent: none, 0: any port */
  h2cPort?: number | null;
  /** the plugins this gateway runs instead of registry.ts's list (an embedding's own, tests' fixtures) */
  plugins?: readonly AnyPluginDefinition[];
}

/** The heartbeat's view of the node's processes: one gateway, or a cluster primary and its workers. */
export type NodeProcess = Required<Pick<NodeFacts, 'workers' | 'startedAt' | 'pid'>>;

export interface GatewayHandle {
  readonly nodeId: string;
  readonly proxyPort: number;
  readonly statusPort: number;
  /** -1 when the listener is off */
  readonly tlsPort: number;
  readonly h2cPort: number;
  readonly metrics: Metrics;
  /** applied revision and hash; revision -1 before any config */
  current(): { revision: number; hash: string };
  /** this process's view of its upstream targets */
  health(): TargetHealthReport[];
  /** pull now (tests, admin tooling); resolves when the pull is done */
  pull(): Promise<void>;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startGateway(options: GatewayOptions): Promise<GatewayHandle> {
  const logger = options.logger ?? consoleLogger;
  const startedAtMs = Date.now();
  const metrics = new Metrics();
  const lean = options.upstreamClient !== 'undici';
  const pools = new PoolRegistry({ keepAliveTimeoutMs: 4_000, lean });
  // a node without the internal parser the lean client drives: undici serves every target
  if (lean && httpParser() === undefined) logger.warn('lean upstream client unavailable (no HTTPParser in _http_common): undici serves every target');
  // long-lived per target / per service: health, breakers and retry budgets survive swaps
  const health = new HealthRegistry();
  const budgets = new RetryBudgets();
  const certificates = new CertificateStore();
  const nodeId = await resolveNodeId(options.dataDir, options.nodeId);
  logger.info('starting', { nodeId, version: VERSION, dataDir: options.dataDir });

  // one per process: plugin instances come and go with configs, the services they share stay
  const pluginShared = new ProcessPluginShared(logger, options.clusterToken, options.redisUrl, metrics);
  const pluginDefinitions = options.plugins ? definitionsOf(options.plugins) : undefined;
  let config: CompiledConfig = compileSnapshot(emptySnapshot(), { revision: -1, hash: '', pluginShared, pluginDefinitions });
  let applied: ConfigState | null = null;
  /** the HTTPS listener asks for client certificates while the config has an mtls-auth plugin */
  let clientCertificates = false;
  /** set by stop(): draining, then stopped */
  let stopping: Promise<void> | null = null;

  /** compile fully first, then one assignment: requests see the old tables or the new, never a mix */
  const apply = (response: ConfigState, timing?: PullTiming): void => {
    const t0 = performance.now();
    const options = { revision: response.revision, hash: response.hash, statsFor: pools.statsFor, healthFor: health.healthFor, budgetFor: budgets.budgetFor, pluginShared, pluginDefinitions };
    // mtls-auth looks its CA certificates up here; updated before the compile creates instances
    pluginShared.service(TRUSTED_CAS_SERVICE, () => new TrustedCas()).update(response.snapshot.certificates);
    // what the applied config compiled for items this one shares is reused: deltas keep unchanged item objects
    const compiled = compileSnapshot(response.snapshot, options, config);
    // secure contexts are built here, off the handshake path; bad certificates are skipped
    const certWarnings = certificates.update(response.snapshot.certificates);
    const previous = config;
    config = compiled;
    applied = response;
    clientCertificates = wantsClientCertificates(response.snapshot);
    closeRetiredPlugins(previous, compiled, logger);
    pools.retain(compiled.poolKeys);
    health.sync(compiled.healthPlan);
    budgets.retain(compiled.serviceIds);
    metrics.appliedRevision = response.revision;
    metrics.configApplies++;
    for (const w of certWarnings) logger.warn('config warning', { revision: response.revision, warning: w });
    for (const w of compiled.warnings) logger.warn('config warning', { revision: response.revision, warning: w });
    const swapMs = msSince(t0);
    logger.info('applied config', { revision: response.revision, hash: response.hash.slice(0, 12), ...timing, swapMs });
  };

  try {
    const stored = await loadSnapshotFile(options.dataDir);
    if (stored) {
      apply(stored.response);
      logger.info('serving last-known-good snapshot from disk', { revision: stored.response.revision });
    } else {
      logger.info('no snapshot on disk yet, waiting for the control plane');
    }
  } catch (err) {
    metrics.configFailures++;
    logger.error('ignoring a bad snapshot file on disk', { error: errorMessage(err) });
  }

  const limits = options.limits ?? DEFAULT_LIMITS;
  const handlerDeps = { config: () => config, pools, metrics, logger, proto: 'http' as const, port: options.proxyPort, limits };
  const handler = createProxyHandler(handlerDeps);
  const upgrades = createUpgradeProxy(handlerDeps, handler);
  const proxyServer = createProxyServer({ handler, upgrade: upgrades.handle, limits, metrics });
  const statusServer = createStatusServer({
    metrics,
    startedAtMs,
    // stop() sets `stopping` first thing: from then on /ready says so while requests drain
    readiness: () => (stopping ? 'draining' : applied ? 'ready' : 'no-config'),
    status: () => ({
      revision: applied ? applied.revision : -1,
      hash: applied ? applied.hash : '',
      startedAt: new Date(startedAtMs).toISOString(),
      nodeId,
      health: health.report(),
      listeners: listenersOf({ proxyPort, tlsPort: extra.tlsPort, h2cPort: extra.h2cPort }),
    }),
  });
  const proxyPort = await listen(proxyServer, options.proxyPort, options.proxyHost ?? '0.0.0.0');
  handlerDeps.port = proxyPort;
  logger.info('proxy listening', { host: options.proxyHost ?? '0.0.0.0', port: proxyPort });
  const extra = await startExtraListeners({
    deps: handlerDeps,
    certificates,
    host: options.proxyHost ?? '0.0.0.0',
    tlsPort: options.tlsPort,
    tlsPortRequired: options.tlsPortRequired,
    h2cPort: options.h2cPort,
    logger,
    requestClientCert: () => clientCertificates,
  });
  let statusPort = -1;
  if (options.statusPort !== null) {
    statusPort = await listen(statusServer, options.statusPort, options.statusHost ?? options.proxyHost ?? '0.0.0.0');
    logger.info('status listening', { port: statusPort });
  }

  const proxyUrls = proxyUrlsOf(options.proxyHost ?? '0.0.0.0', { proxyPort, tlsPort: extra.tlsPort });
  const ownProcess: NodeProcess = { workers: 1, startedAt: new Date(startedAtMs).toISOString(), pid: process.pid };
  const nodeProcess = (): Partial<NodeProcess> => (options.heartbeatProcess ? (options.heartbeatProcess() ?? {}) : ownProcess);

  const cp = new ControlPlaneClient(options.controlPlaneUrl, options.clusterToken);
  const client = new ConfigClient({
    cp,
    dataDir: options.dataDir,
    redisUrl: options.redisUrl,
    nodeId,
    version: VERSION,
    reconcileIntervalMs: options.reconcileIntervalMs ?? 5_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 5_000,
    logger,
    apply,
    applied: () => applied,
    stats: options.heartbeatStats ?? (() => metrics.snapshot()),
    health: () => options.heartbeatHealth?.() ?? health.report(),
    node: () => ({ ...nodeProcess(), runtime: `node ${process.version}`, proxyUrls }),
    onRejected: () => metrics.configFailures++,
  });
  client.start();
  logger.info('config client started', { controlPlane: options.controlPlaneUrl, notices: options.redisUrl ? 'redis' : 'sse' });

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      logger.info('stopping: no new connections, draining in-flight requests');
      const closed = stopAccepting(proxyServer);
      const extraClosed = extra.beginClose();
      const deadline = Date.now() + (options.drainTimeoutMs ?? 10_000);
      const graceUntil = Math.min(deadline, Date.now() + KEEPALIVE_GRACE_MS);
      for (;;) {
        // connections idle since the drain began may still bring a request until the grace ends
        if (Date.now() >= graceUntil || (await openConnections(proxyServer)) === 0) {
          proxyServer.closeIdleConnections();
          if (metrics.inFlight === 0 || Date.now() >= deadline) break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      if (metrics.inFlight > 0) logger.warn('drain timeout, closing remaining connections', { inFlight: metrics.inFlight });
      proxyServer.closeAllConnections();
      extra.destroyAll();
      // upgraded sockets left node:http's books: the WebSocket tunnels are cut here
      upgrades.closeAll();
      await Promise.all([closed, extraClosed]);
      await client.stop();
      health.stopAll();
      closeRetiredPlugins(config, undefined, logger);
      await Promise.allSettled([pools.closeAll(), cp.close(), pluginShared.close()]);
      await new Promise<void>((resolve) => {
        if (statusPort < 0) return resolve();
        statusServer.close(() => resolve());
        statusServer.closeAllConnections();
      });
      logger.info('stopped');
    })());

  return {
    nodeId,
    proxyPort,
    statusPort,
    tlsPort: extra.tlsPort,
    h2cPort: extra.h2cPort,
    metrics,
    current: () => (applied ? { revision: applied.revision, hash: applied.hash } : { revision: -1, hash: '' }),
    health: () => health.report(),
    pull: () => client.pull(),
    stop,
  };
}
