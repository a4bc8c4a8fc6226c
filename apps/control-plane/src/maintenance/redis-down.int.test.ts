import { expect, it } from 'vitest';
import { createDatabase, eventually, startControlPlane, startRedis } from '../../../../test/harness';

// BullMQ's graceful close waits on Redis; shutdown must not hang on it (the harness SIGKILLs after 10 s: exit null).
it('keeps serving with Redis gone and still exits 0 on SIGTERM', async () => {
  const redis = await startRedis();
  const cp = await startControlPlane({ databaseUrl: await createDatabase(), redisUrl: redis.url, env: { AYA_MAINTENANCE_INTERVAL_MS: '200' } });
  await eventually(async () => cp.logs().includes('maintenance bullmq'));
  await redis.stop();
  expect((await fetch(`${cp.url}/api/v1/health`)).status).toBe(200);
  expect(await cp.stop()).toBe(0);
});
