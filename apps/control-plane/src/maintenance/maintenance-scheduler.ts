import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { errorMessage, log } from '../log';

export const MAINTENANCE_QUEUE = 'aya-maintenance';
/** One scheduler id shared by every control plane: upserting it again changes nothing, so ticks do not multiply. */
export const MAINTENANCE_SCHEDULER_ID = 'maintenance-tick';

export interface MaintenanceScheduler {
  readonly mode: 'bullmq' | 'timer';
  stop(): Promise<void>;
}

export interface MaintenanceOptions {
  redisUrl?: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

/** How long stop() lets the running tick finish. */
const STOP_GRACE_MS = 5_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

const report = (err: unknown) => log.error(`maintenance failed: ${errorMessage(err)}`);

/**
 * With Redis, a BullMQ repeatable job: each tick is one job, taken by exactly one control plane's worker.
 * Without Redis there is a single control plane by design, so a local timer does the same work.
 */
export function startMaintenance(opts: MaintenanceOptions): MaintenanceScheduler {
  return opts.redisUrl ? startBullmq(opts.redisUrl, opts) : startTimer(opts);
}

function startTimer(opts: MaintenanceOptions): MaintenanceScheduler {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return; // a slow tick is not stacked under the next one
    running = opts.run().catch(report).finally(() => (running = undefined));
  }, opts.everyMs);
  timer.unref();
  return {
    mode: 'timer',
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

function startBullmq(redisUrl: string, opts: MaintenanceOptions): MaintenanceScheduler {
  // bullmq's blocking commands require maxRetriesPerRequest: null; errors are logged, never thrown
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  const queue = new Queue(MAINTENANCE_QUEUE, { connection });
  queue.on('error', () => undefined);
  // not awaited: a Redis that is down at start must not hold the API back; bullmq retries once it is up
  queue
    .upsertJobScheduler(MAINTENANCE_SCHEDULER_ID, { every: opts.everyMs }, { name: 'maintenance', opts: { removeOnComplete: 10, removeOnFail: 50 } })
    .catch(report);
  const worker = new Worker(MAINTENANCE_QUEUE, () => opts.run(), { connection, concurrency: 1 });
  worker.on('failed', (_job, err) => report(err));
  worker.on('error', () => undefined);
  return {
    mode: 'bullmq',
    async stop() {
      // a graceful close waits on Redis: with Redis down it would never finish, so it gets a bounded wait
      const graceful = connection.status === 'ready' ? Promise.all([worker.close(), queue.close()]) : Promise.resolve();
      await Promise.race([graceful.catch(() => undefined), sleep(STOP_GRACE_MS)]);
      void worker.close(true).catch(() => undefined);
      connection.disconnect();
    },
  };
}
