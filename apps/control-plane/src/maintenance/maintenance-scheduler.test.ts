import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startRedis, type TestRedis } from '../../../../test/harness';
import { MAINTENANCE_QUEUE, startMaintenance } from './maintenance-scheduler';

describe('startMaintenance without Redis', () => {
  it('runs the work on a local timer until stopped', async () => {
    let runs = 0;
    const scheduler = startMaintenance({ everyMs: 100, run: async () => void runs++ });
    expect(scheduler.mode).toBe('timer');
    await eventually(async () => runs >= 2);
    await scheduler.stop();
    const after = runs;
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toBe(after);
  });
});

describe('startMaintenance with Redis (BullMQ)', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('two control planes share one repeatable job, and ticks keep coming', async () => {
    let runs = 0;
    const a = startMaintenance({ redisUrl: redis.url, everyMs: 200, run: async () => void runs++ });
    const b = startMaintenance({ redisUrl: redis.url, everyMs: 200, run: async () => void runs++ });
    expect(a.mode).toBe('bullmq');
    await eventually(async () => runs >= 3);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(MAINTENANCE_QUEUE, { connection });
    expect(await queue.getJobSchedulersCount()).toBe(1);
    await queue.close();
    await connection.quit();
    await Promise.all([a.stop(), b.stop()]);
  });
});
