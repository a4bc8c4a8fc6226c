import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../../../test/harness/redis';
import { silentLogger } from '../log';
import { until } from '../testing/fixtures';
import { LeasingCounterStore } from './lease';
import { RedisCounterStore } from './redis-store';
import type { CounterStore, LimitAlgorithm, LimitDecision, LimitQuery, LimitWindow } from './types';

const HOUR = 3_600_000;
let n = 0;
const fresh = () => `lease${Date.now()}-${++n}`;

/**
 * Leases against a real Redis: two stores stand for two gateway processes sharing it. What must hold: the
 * limit is never exceeded, at most LEASE_SHARE of it per process goes unused, Redis sees far fewer calls
 * than requests, and refusals are replayed without asking Redis.
 */
describe('leased cluster counters (one Redis)', () => {
  let redis: TestRedis;
  const stores: RedisCounterStore[] = [];
  let a: LeasingCounterStore;
  let b: LeasingCounterStore;

  /** decisions sent to Redis so far (one script call carries a turn's decisions, so Redis's own call count says less) */
  let sent = 0;
  const scriptCalls = async () => sent;
  const counted = (store: RedisCounterStore): CounterStore => ({
    decide: (q) => {
      sent++;
      return store.decide(q);
    },
  });

  beforeAll(async () => {
    redis = await startRedis();
    for (let i = 0; i < 2; i++) {
      const store = new RedisCounterStore(redis.url, silentLogger);
      await until(() => store.decide({ key: fresh(), algorithm: 'gcra', windows: [{ limit: 1, ms: 1_000 }] }).then(() => true, () => false), 'store connected');
      stores.push(store);
    }
    a = new LeasingCounterStore(counted(stores[0]));
    b = new LeasingCounterStore(counted(stores[1]));
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await redis.stop();
  });

  /** `total` decisions spread over both stores, `concurrency` at a time per store. */
  async function hammer(query: LimitQuery, total: number, concurrency = 50): Promise<LimitDecision[]> {
    const out: LimitDecision[] = [];
    for (let done = 0; done < total; done += 2 * concurrency) {
      const batch = Array.from({ length: Math.min(2 * concurrency, total - done) }, (_, i) => (i % 2 ? a : b).decide(query));
      out.push(...(await Promise.all(batch)));
    }
    return out;
  }

  for (const algorithm of ['sliding-window', 'gcra'] as LimitAlgorithm[]) {
    it(`${algorithm}: a limit of 10,000 shared by two processes: never more, at most 0.4% left unused, few Redis calls`, async () => {
      const query: LimitQuery = { key: fresh(), algorithm, windows: [{ limit: 10_000, ms: 24 * HOUR }] }; // gcra refills one per 8.6 s: none during the test
      const before = await scriptCalls();
      const d = await hammer(query, 11_000);
      const allowed = d.filter((x) => x.allowed).length;
      expect(allowed).toBeLessThanOrEqual(10_000);
      // each process may lose what it still held: 0.2% of the limit each
      expect(allowed).toBeGreaterThanOrEqual(9_960);
      const calls = (await scriptCalls()) - before;
      expect(calls).toBeLessThan(allowed / 5);
      for (const x of d.filter((y) => !y.allowed)) expect(x.retryAfterMs).toBeGreaterThan(0);
    });
  }

  it('quota (fixed period): leased the same way, exact upper bound', async () => {
    const now = Date.now();
    const query: LimitQuery = { key: fresh(), algorithm: 'fixed', windows: [{ limit: 5_000, ms: 24 * HOUR, start: now - (now % (24 * HOUR)) }] };
    const d = await hammer(query, 5_500);
    const allowed = d.filter((x) => x.allowed).length;
    expect(allowed).toBeLessThanOrEqual(5_000);
    expect(allowed).toBeGreaterThanOrEqual(4_980);
  });

  it('a limit under 1,000 is never leased: exact, concurrent decisions included', async () => {
    const query: LimitQuery = { key: fresh(), algorithm: 'sliding-window', windows: [{ limit: 150, ms: HOUR }] };
    const d = await hammer(query, 400);
    expect(d.filter((x) => x.allowed)).toHaveLength(150);
  });

  it('a refusal is replayed until its Retry-After without asking Redis', async () => {
    const windows: LimitWindow[] = [{ limit: 20, ms: HOUR }];
    const query: LimitQuery = { key: fresh(), algorithm: 'sliding-window', windows };
    // 40 per process: each sees refusals whatever order Redis takes them in
    await hammer(query, 80);
    const before = await scriptCalls();
    const again = await hammer(query, 200);
    expect(again.every((x) => !x.allowed && x.retryAfterMs > 0)).toBe(true);
    expect(again.every((x) => x.windows[0].remaining === 0 && x.windows[0].limit === 20)).toBe(true);
    expect((await scriptCalls()) - before).toBe(0);
  });

  it('headers of leased requests: remaining counts down, never below what Redis holds for others', async () => {
    const query: LimitQuery = { key: fresh(), algorithm: 'sliding-window', windows: [{ limit: 100_000, ms: HOUR }] };
    const seen: number[] = [];
    for (let i = 0; i < 300; i++) seen.push((await a.decide(query)).windows[0].remaining);
    // one process alone: remaining is exact, request after request
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => 100_000 - 1 - i));
  });

  it('decideNow: leased requests and replayed refusals without a promise, nothing for a subject Redis must decide', async () => {
    const query: LimitQuery = { key: fresh(), algorithm: 'sliding-window', windows: [{ limit: 100_000, ms: HOUR }] };
    expect(a.decideNow(query)).toBeUndefined();
    // the lease grows while it runs out fast: a few awaited decisions, then some are served at once
    let atOnce = 0;
    for (let i = 0; i < 200; i++) {
      const now = a.decideNow(query);
      if (now) atOnce++;
      const d = now ?? (await a.decide(query));
      expect(d.allowed).toBe(true);
      expect(d.windows[0].remaining).toBe(100_000 - 1 - i);
    }
    expect(atOnce).toBeGreaterThan(150);
    const small: LimitQuery = { key: fresh(), algorithm: 'sliding-window', windows: [{ limit: 1, ms: HOUR }] };
    expect((await a.decide(small)).allowed).toBe(true);
    expect(a.decideNow(small)).toBeUndefined();
    expect((await a.decide(small)).allowed).toBe(false);
    expect(a.decideNow(small)?.allowed).toBe(false);
  });
});
