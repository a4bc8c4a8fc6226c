import cluster from 'node:cluster';
import { EnvError, loadEnv, type GatewayEnv } from './env';
import { startGateway, type GatewayHandle } from './gateway';
import { consoleLogger, errorMessage } from './log';
import { reportToPrimary, runPrimary } from './server/workers';

/** One gateway in this process: AYA_GATEWAY_WORKERS=1, or a cluster worker. */
async function runGateway(env: GatewayEnv): Promise<void> {
  const worker = cluster.isWorker;
  // the link reports before the gateway exists (not ready yet), so it reads it through a holder
  const holder: { gateway?: GatewayHandle } = {};
  const link = worker ? reportToPrimary(() => holder.gateway, consoleLogger) : undefined;
  const running = await startGateway({
    proxyPort: env.proxyPort,
    proxyHost: env.proxyHost,
    tlsPort: env.tlsPort,
    tlsPortRequired: env.tlsPortRequired,
    h2cPort: env.h2cPort,
    // workers share the proxy port through the primary, which alone serves the status port
    statusPort: worker ? null : env.statusPort,
    controlPlaneUrl: env.controlPlaneUrl,
    clusterToken: env.clusterToken,
    redisUrl: env.redisUrl,
    dataDir: env.dataDir,
    nodeId: env.nodeId,
    reconcileIntervalMs: env.reconcileIntervalMs,
    heartbeatIntervalMs: env.heartbeatIntervalMs,
    limits: env.limits,
    upstreamClient: env.upstreamClient,
    drainTimeoutMs: env.drainTimeoutMs,
    heartbeatStats: link ? () => link.groupStats() ?? holder.gateway?.metrics.snapshot() ?? {} : undefined,
    heartbeatHealth: link ? () => link.groupHealth() : undefined,
    heartbeatProcess: link ? () => link.groupNode() : undefined,
  });
  holder.gateway = running;
  link?.sendNow();
  consoleLogger.info(worker ? 'worker ready' : 'ready', { nodeId: running.nodeId, proxyPort: running.proxyPort, statusPort: running.statusPort, pid: process.pid });

  const shutdown = (signal: string): void => {
    consoleLogger.info('signal received', { signal });
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        consoleLogger.error('stop failed', { error: errorMessage(err) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // a worker gets SIGINT with its terminal's process group too; the primary drains it with SIGTERM
  process.once('SIGINT', () => (worker ? undefined : shutdown('SIGINT')));
}

async function main(): Promise<void> {
  let env: GatewayEnv;
  try {
    env = loadEnv();
  } catch (err) {
    process.stderr.write(`${err instanceof EnvError ? err.message : errorMessage(err)}\n`);
    process.exit(1);
  }
  // A bug on some path must cost one request, never the process and every request on it.
  process.on('uncaughtException', (err) => consoleLogger.error('uncaught exception', { error: errorMessage(err) }));
  process.on('unhandledRejection', (err) => consoleLogger.error('unhandled rejection', { error: errorMessage(err) }));
  if (cluster.isPrimary && env.workers > 1) await runPrimary(env, consoleLogger);
  else await runGateway(env);
}

main().catch((err: unknown) => {
  process.stderr.write(`gateway failed to start: ${errorMessage(err)}\n`);
  process.exit(1);
});
