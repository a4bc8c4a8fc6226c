import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../../../test/harness/redis';
import { startRedisCluster, type TestRedisCluster } from '../../../../test/harness/redis-cluster';
import { silentLogger } from '../log';
import { until } from '../testing/fixtures';
import { LimitService } from './limit-service';
import { RedisCounterStore, redisKey } from './redis-store';
import type { LimitAlgorithm, LimitWindow } from './types';

const MINUTE = 60_000;
const HOUR = 3_600_000;
let n = 0;
const fresh = () => `t${Date.now()}-${++n}`;

/** Waits until the store has connected (its first decision that does not throw). */
async function connected(store: RedisCounterStore): Promise<void> {
  await until(() => store.decide({ key: fresh(), algorithm: 'gcra', windows: [{ limit: 1, ms: 1_000 }] }).then(() => true, () => false), 'redis store connected');
}

function hits(store: RedisCounterStore, algorithm: LimitAlgorithm, windows: LimitWindow[], key: string, count: number) {
  return Promise.all(Array.from({ length: count }, () => store.decide({ key, algorithm, windows })));
}

/** The same cases as engine.test.ts, on Redis's script (Redis's clock, so only cases without waiting). */
function scriptCases(getStore: () => RedisCounterStore) {
  it('sliding window: exactly the limit, concurrent decisions included', async () => {
    const d = await hits(getStore(), 'sliding-window', [{ limit: 5, ms: HOUR }], fresh(), 12);
    expect(d.filter((x) => x.allowed)).toHaveLength(5);
    expect(d.map((x) => x.windows[0].remaining).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    const refused = d.find((x) => !x.allowed);
    expect(refused?.retryAfterMs).toBeGreaterThan(0);
  });

  it('gcra: a burst of the limit, retry after one emission interval at most', async () => {
    const d = await hits(getStore(), 'gcra', [{ limit: 7, ms: MINUTE }], fresh(), 10);
    expect(d.filter((x) => x.allowed)).toHaveLength(7);
    const refused = d.filter((x) => !x.allowed);
    for (const r of refused) expect(r.retryAfterMs).toBeLessThanOrEqual(Math.ceil(MINUTE / 7));
  });

  it('several windows: the tighter decides and a refusal is counted in none', async () => {
    const store = getStore();
    const key = fresh();
    const w = [
      { limit: 2, ms: HOUR },
      { limit: 10, ms: 24 * HOUR },
    ];
    const first = await hits(store, 'sliding-window', w, key, 6);
    expect(first.filter((x) => x.allowed)).toHaveLength(2);
    // the day window saw 2, not 6
    const wide = [{ limit: 10, ms: 24 * HOUR }];
    const last = await store.decide({ key, algorithm: 'sliding-window', windows: [w[0], ...wide] });
    expect(last.windows[1].remaining).toBe(8);
  });

  it('decisions of one turn over several subjects and algorithms (one call on a single Redis): each exact', async () => {
    const store = getStore();
    const subjects = Array.from({ length: 6 }, () => fresh());
    const day = 24 * HOUR;
    const start = Date.now() - (Date.now() % day);
    const all = await Promise.all(
      subjects.flatMap((key, i) =>
        Array.from({ length: 7 }, () =>
          store.decide(i % 3 === 0 ? { key, algorithm: 'gcra', windows: [{ limit: 4, ms: HOUR }] } : i % 3 === 1 ? { key, algorithm: 'sliding-window', windows: [{ limit: 4, ms: HOUR }, { limit: 5, ms: day }] } : { key, algorithm: 'fixed', windows: [{ limit: 4, ms: day, start }] }),
        ),
      ),
    );
    for (let i = 0; i < subjects.length; i++) expect(all.slice(i * 7, i * 7 + 7).filter((d) => d.allowed)).toHaveLength(4);
  });

  it('fixed period: counts inside the period given by the caller', async () => {
    const day = 24 * HOUR;
    const start = Date.now() - (Date.now() % day);
    const d = await hits(getStore(), 'fixed', [{ limit: 3, ms: day, start }], fresh(), 5);
    expect(d.filter((x) => x.allowed)).toHaveLength(3);
    expect(d.find((x) => !x.allowed)?.retryAfterMs).toBeLessThanOrEqual(start + day - Date.now() + 1_000);
  });
}

describe('Redis counters (one Redis)', () => {
  let redis: TestRedis;
  let store: RedisCounterStore;
  beforeAll(async () => {
    redis = await startRedis();
    store = new RedisCounterStore(redis.url, silentLogger);
    await connected(store);
  });
  afterAll(async () => {
    await store.close();
    await redis.stop();
  });

  scriptCases(() => store);

  it('keeps one hash-tagged key per subject with a TTL, and reloads the script after SCRIPT FLUSH', async () => {
    const key = fresh();
    await store.decide({ key, algorithm: 'sliding-window', windows: [{ limit: 5, ms: 1_000 }, { limit: 50, ms: MINUTE }] });
    const admin = new Redis(redis.url);
    try {
      expect(redisKey(key)).toBe(`{aya:rl:${key}}`);
      expect(Object.keys(await admin.hgetall(redisKey(key))).sort()).toEqual(['s1000:c', 's1000:i', 's1000:p', 's60000:c', 's60000:i', 's60000:p']);
      const ttl = await admin.pttl(redisKey(key));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(2 * MINUTE);
      await admin.script('FLUSH');
      const d = await store.decide({ key, algorithm: 'sliding-window', windows: [{ limit: 5, ms: 1_000 }, { limit: 50, ms: MINUTE }] });
      expect(d.windows[1].remaining).toBe(48);
    } finally {
      admin.disconnect();
    }
  });

  it('Redis down: fault tolerant counts locally (counted as an error), otherwise unavailable; back when Redis returns', async () => {
    const service = new LimitService(redis.url, silentLogger);
    const q = () => ({ key: fresh(), algorithm: 'sliding-window' as const, windows: [{ limit: 2, ms: HOUR }] });
    try {
      await until(async () => (await service.decide(q(), 'cluster', false)) !== 'unavailable', 'service connected');
      const before = service.redisErrors;
      await redis.stop();
      const key = q();
      const local = await Promise.all([1, 2, 3].map(() => service.decide(key, 'cluster', true)));
      expect(local.map((d) => d !== 'unavailable' && d.allowed)).toEqual([true, true, false]);
      expect(await service.decide(q(), 'cluster', false)).toBe('unavailable');
      expect(service.redisErrors).toBe(before + 4);
      await redis.start();
      await until(async () => (await service.decide(q(), 'cluster', false)) !== 'unavailable', 'redis back');
    } finally {
      await service.close();
    }
  });

  it('a stalled Redis does not hold decisions: they fail over before the stall ends', async () => {
    const service = new LimitService(redis.url, silentLogger);
    const admin = new Redis(redis.url);
    try {
      await until(async () => (await service.decide({ key: fresh(), algorithm: 'gcra', windows: [{ limit: 1, ms: 1_000 }] }, 'cluster', false)) !== 'unavailable', 'service connected');
      let stallOver = false;
      await admin.client('PAUSE', 5_000, 'ALL');
      const timer = setTimeout(() => (stallOver = true), 5_000);
      const d = await service.decide({ key: fresh(), algorithm: 'gcra', windows: [{ limit: 1, ms: 1_000 }] }, 'cluster', false);
      expect(d).toBe('unavailable');
      expect(stallOver).toBe(false);
      clearTimeout(timer);
    } finally {
      await admin.client('UNPAUSE').catch(() => undefined);
      admin.disconnect();
      await service.close();
    }
  });
});

describe('Redis counters (a 3-node Redis Cluster)', () => {
  let cluster: TestRedisCluster;
  let store: RedisCounterStore;
  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    store = new RedisCounterStore(cluster.url, silentLogger);
    await connected(store);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await cluster?.stop();
  });

  scriptCases(() => store);

  it('spreads subjects over the nodes, each decision on its own slot', async () => {
    const keys = Array.from({ length: 30 }, () => fresh());
    const all = await Promise.all(keys.map((k) => hits(store, 'sliding-window', [{ limit: 3, ms: HOUR }, { limit: 4, ms: 24 * HOUR }], k, 5)));
    for (const d of all) expect(d.filter((x) => x.allowed)).toHaveLength(3);
    // every master holds some of them
    const counts = await Promise.all(
      cluster.ports.map(async (p) => {
        const c = new Redis(p, '127.0.0.1');
        try {
          return await c.dbsize();
        } finally {
          c.disconnect();
        }
      }),
    );
    expect(counts.every((c) => c > 0)).toBe(true);
  });
});
