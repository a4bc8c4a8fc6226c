import { EnvError, loadEnv, type GatewayEnv } from './env';
import { startGateway } from './gateway';
import { consoleLogger, errorMessage } from './log';

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

  const gateway = await startGateway({
    proxyPort: env.proxyPort,
    proxyHost: env.proxyHost,
    statusPort: env.statusPort,
    controlPlaneUrl: env.controlPlaneUrl,
    clusterToken: env.clusterToken,
    redisUrl: env.redisUrl,
    dataDir: env.dataDir,
    nodeId: env.nodeId,
    reconcileIntervalMs: env.reconcileIntervalMs,
    heartbeatIntervalMs: env.heartbeatIntervalMs,
  });
  consoleLogger.info('ready', { nodeId: gateway.nodeId, proxyPort: gateway.proxyPort, statusPort: gateway.statusPort });

  const shutdown = (signal: string): void => {
    consoleLogger.info('signal received', { signal });
    gateway.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        consoleLogger.error('stop failed', { error: errorMessage(err) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`gateway failed to start: ${errorMessage(err)}\n`);
  process.exit(1);
});
