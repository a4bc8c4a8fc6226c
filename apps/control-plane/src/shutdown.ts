import type { Server } from 'node:http';
import { errorMessage, log } from './log';

/** How long open requests get to finish once the listener is closed; then their connections are closed. */
export const REQUEST_GRACE_MS = 5_000;
/** A step still running after this is named in the log and the process exits 1 rather than hang until SIGKILL. */
export const SHUTDOWN_DEADLINE_MS = 8_000;

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown> | void;
}

/**
 * Closes the HTTP server (new connections refused at once, open requests get REQUEST_GRACE_MS), then runs the
 * other steps in order and exits 0. Each step is named, so a shutdown that hangs says where.
 */
export function onShutdownSignals(server: Server, closeHttp: () => Promise<unknown>, steps: ShutdownStep[]): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    let current = 'http server';
    setTimeout(() => {
      log.error(`shutdown: ${current} did not finish within ${SHUTDOWN_DEADLINE_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    const force = setTimeout(() => {
      log.error(`shutdown: requests still open after ${REQUEST_GRACE_MS} ms are cut`);
      server.closeAllConnections();
    }, REQUEST_GRACE_MS);
    await Promise.resolve(closeHttp()).catch(() => undefined);
    clearTimeout(force);
    for (const step of steps) {
      current = step.name;
      await Promise.resolve(step.run()).catch((err: unknown) => log.error(`shutdown: ${step.name}: ${errorMessage(err)}`));
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
