import type { SnapshotPlugin } from '@aya/config-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../../../../test/harness/redis';
import { LEASE_MAX_MS } from '../../limits/lease';
import { consumer, startAuthBed, type AuthBed, type AuthReply } from '../../testing/auth-bed';
import { route } from '../../testing/fixtures';
import { keyCredential } from '../../testing/plugin-fixtures';
import { keyAuthPlugin } from '../key-auth/handler';
import { quotaPlugin } from '../quota/handler';
import { rateLimitPlugin } from './handler';

/** rate-limit and quota through a real gateway socket (one process: counters in process) with a real upstream. */

function limit(id: string, routeId: string, name: 'rate-limit' | 'quota' | 'key-auth', config: Record<string, unknown>): SnapshotPlugin {
  return { id, tenant: 'default', name, enabled: true, config, serviceId: null, routeId, consumerId: null };
}

const ROUTES = ['ip', 'multi', 'gcra', 'consumer', 'fallback', 'header', 'hidden', 'quota', 'quota-month', 'cluster', 'closed'];

let redis: TestRedis;
let bed: AuthBed;
const get = (path: string, headers: Record<string, string> = {}): Promise<AuthReply> => bed.get(path, headers);
const statuses = async (n: number, path: string, headers: Record<string, string> = {}): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await get(path, headers)).status);
  return out;
};

beforeAll(async () => {
  redis = await startRedis();
  bed = await startAuthBed(
    {
      routes: ROUTES.map((r) => route(`r-${r}`, 'svc', [`/${r}`])),
      plugins: [
        limit('p-ip', 'r-ip', 'rate-limit', { limits: [{ window: 'minute', limit: 3 }], by: 'ip' }),
        limit('p-multi', 'r-multi', 'rate-limit', { limits: [{ window: 'hour', limit: 3 }, { window: 'second', limit: 2 }], by: 'route' }),
        limit('p-gcra', 'r-gcra', 'rate-limit', { limits: [{ window: 'hour', limit: 4 }], by: 'route', algorithm: 'gcra' }),
        limit('p-consumer-auth', 'r-consumer', 'key-auth', {}),
        limit('p-consumer', 'r-consumer', 'rate-limit', { limits: [{ window: 'minute', limit: 2 }], by: 'consumer' }),
        limit('p-fallback', 'r-fallback', 'rate-limit', { limits: [{ window: 'minute', limit: 2 }], by: 'consumer' }),
        limit('p-header', 'r-header', 'rate-limit', { limits: [{ window: 'minute', limit: 1 }], by: 'header', header: 'x-tenant' }),
        limit('p-hidden', 'r-hidden', 'rate-limit', { limits: [{ window: 'minute', limit: 1 }], by: 'route', hideHeaders: true }),
        limit('p-quota-auth', 'r-quota', 'key-auth', {}),
        limit('p-quota', 'r-quota', 'quota', { limit: 2, period: 'day' }),
        limit('p-quota-month-auth', 'r-quota-month', 'key-auth', {}),
        limit('p-quota-month', 'r-quota-month', 'quota', { limit: 1, period: 'month', by: 'credential', policy: 'cluster', faultTolerant: false }),
        limit('p-cluster', 'r-cluster', 'rate-limit', { limits: [{ window: 'minute', limit: 2 }], by: 'route', policy: 'cluster' }),
        limit('p-closed', 'r-closed', 'rate-limit', { limits: [{ window: 'minute', limit: 100 }], by: 'route', policy: 'cluster', faultTolerant: false }),
      ],
      consumers: [consumer('c-alice', 'alice'), consumer('c-bob', 'bob')],
      credentials: [keyCredential('k-alice', 'c-alice', 'alice-key-0123456789'), keyCredential('k-bob', 'c-bob', 'bob-key-0123456789ab')],
    },
    { plugins: [keyAuthPlugin, rateLimitPlugin, quotaPlugin] as never, redisUrl: redis.url },
  );
});

afterAll(async () => {
  await bed?.close();
  await redis?.stop();
});

describe('rate-limit through the gateway', () => {
  it('allows the limit, then 429 AYA_GW_RATE_LIMITED with Retry-After and the IETF RateLimit fields; nothing upstream', async () => {
    const ok = [await get('/ip'), await get('/ip'), await get('/ip')];
    expect(ok.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(ok[0].headers['ratelimit-policy']).toBe('"minute";q=3;w=60');
    expect(ok.map((r) => String(r.headers.ratelimit).replace(/;t=\d+/, ''))).toEqual(['"minute";r=2', '"minute";r=1', '"minute";r=0']);
    const hits = bed.up.hits;
    const refused = await get('/ip');
    expect(refused.status).toBe(429);
    expect(refused.json.error?.code).toBe('AYA_GW_RATE_LIMITED');
    const retry = Number(refused.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(120);
    // t of the refusing window: when a request fits again, the same moment as Retry-After
    expect(refused.headers.ratelimit).toBe(`"minute";r=0;t=${retry}`);
    expect(bed.up.hits).toBe(hits);
  });

  it('several windows: the tighter one refuses, and refused requests are not counted in the others', async () => {
    // 2 per second and 3 per hour: a burst gets 2; later 1 more (the hour saw 2, not 5)
    const burst = await statuses(5, '/multi');
    expect(burst).toEqual([200, 200, 429, 429, 429]);
    // two seconds on, the per-second window and the one before it are empty
    await new Promise((r) => setTimeout(r, 2_100));
    const next = await get('/multi');
    expect(next.status).toBe(200);
    expect(next.headers['ratelimit-policy']).toBe('"second";q=2;w=1, "hour";q=3;w=3600');
    expect(String(next.headers.ratelimit)).toMatch(/^"second";r=1;t=\d+, "hour";r=0;t=\d+$/);
    const refused = await get('/multi');
    expect(refused.status).toBe(429);
    // refused by the hour: retry after far more than a second
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
  });

  it('gcra: a burst of the limit, then one request per emission interval (retry-after says when)', async () => {
    expect(await statuses(5, '/gcra')).toEqual([200, 200, 200, 200, 429]);
    const refused = await get('/gcra');
    // one every 15 minutes
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(refused.headers.ratelimit).toBe(`"hour";r=0;t=${refused.headers['retry-after']}`);
  });

  it('by consumer: each consumer has its own count', async () => {
    const alice = { apikey: 'alice-key-0123456789' };
    const bob = { apikey: 'bob-key-0123456789ab' };
    expect(await statuses(3, '/consumer', alice)).toEqual([200, 200, 429]);
    expect(await statuses(3, '/consumer', bob)).toEqual([200, 200, 429]);
  });

  it('by consumer without an authenticated consumer: counted per client IP (as Kong does)', async () => {
    expect(await statuses(3, '/fallback')).toEqual([200, 200, 429]);
  });

  it('by header: each value counted apart; without the header, per client IP', async () => {
    expect(await statuses(2, '/header', { 'x-tenant': 'a' })).toEqual([200, 429]);
    expect(await statuses(2, '/header', { 'x-tenant': 'b' })).toEqual([200, 429]);
    expect(await statuses(2, '/header')).toEqual([200, 429]);
  });

  it('hideHeaders: no RateLimit fields, but Retry-After on the 429', async () => {
    const ok = await get('/hidden');
    expect(ok.headers.ratelimit).toBeUndefined();
    expect(ok.headers['ratelimit-policy']).toBeUndefined();
    const refused = await get('/hidden');
    expect(refused.status).toBe(429);
    expect(refused.headers.ratelimit).toBeUndefined();
    expect(refused.headers['retry-after']).toBeDefined();
  });
});

describe('quota through the gateway', () => {
  it('per consumer per day: 429 AYA_GW_QUOTA_EXCEEDED after the limit, the reset (next UTC midnight) in the headers', async () => {
    const alice = { apikey: 'alice-key-0123456789' };
    const first = await get('/quota', alice);
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-policy']).toBe('"quota-day";q=2;w=86400');
    const toMidnight = Math.ceil((86_400_000 - (Date.now() % 86_400_000)) / 1000);
    const t = Number(/;t=(\d+)$/.exec(String(first.headers.ratelimit))?.[1]);
    expect(Math.abs(t - toMidnight)).toBeLessThanOrEqual(2);
    expect((await get('/quota', alice)).status).toBe(200);
    const over = await get('/quota', alice);
    expect(over.status).toBe(429);
    expect(over.json.error?.code).toBe('AYA_GW_QUOTA_EXCEEDED');
    expect(Math.abs(Number(over.headers['retry-after']) - toMidnight)).toBeLessThanOrEqual(2);
    expect(over.headers.ratelimit).toBe(`"quota-day";r=0;t=${over.headers['retry-after']}`);
    expect((await get('/quota', { apikey: 'bob-key-0123456789ab' })).status).toBe(200);
  });
});

describe('quota per month per credential, policy cluster', () => {
  it('counts in Redis up to the limit; the reset is the first of next month (UTC)', async () => {
    const alice = { apikey: 'alice-key-0123456789' };
    // the Redis connection is made in the background at start
    let first = await get('/quota-month', alice);
    for (let i = 0; i < 100 && first.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 100));
      first = await get('/quota-month', alice);
    }
    expect(first.status).toBe(200);
    const now = new Date();
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    expect(first.headers['ratelimit-policy']).toBe(`"quota-month";q=1;w=${(nextMonth - monthStart) / 1000}`);
    const over = await get('/quota-month', alice);
    expect([over.status, over.json.error?.code]).toEqual([429, 'AYA_GW_QUOTA_EXCEEDED']);
    expect(Math.abs(Number(over.headers['retry-after']) - Math.ceil((nextMonth - Date.now()) / 1000))).toBeLessThanOrEqual(2);
    expect(over.headers.ratelimit).toBe(`"quota-month";r=0;t=${over.headers['retry-after']}`);
  });
});

describe('rate-limit policy cluster (Redis)', () => {
  it('counts in Redis; Redis down: fault tolerant counts locally and counts the error, fail-closed answers 503', async () => {
    // the Redis connection is made in the background at start: wait for the fail-closed route to pass
    for (let i = 0; i < 100 && (await get('/closed')).status === 503; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await statuses(3, '/cluster')).toEqual([200, 200, 429]);
    await redis.stop();
    const errors = bed.gw.metrics.limitRedisErrors;
    // the refusal Redis gave is replayed for up to LEASE_MAX_MS (lease.ts), Redis or not
    expect(await statuses(1, '/cluster')).toEqual([429]);
    await new Promise((r) => setTimeout(r, LEASE_MAX_MS));
    // then the local counters, which start empty: the fallback enforces the whole limit on this node
    expect(await statuses(3, '/cluster')).toEqual([200, 200, 429]);
    const closed = await get('/closed');
    expect(closed.status).toBe(503);
    expect(closed.json.error?.code).toBe('AYA_GW_LIMIT_UNAVAILABLE');
    expect(bed.gw.metrics.limitRedisErrors).toBe(errors + 4);
    await redis.start();
    // back on Redis (a fresh one: the test Redis keeps nothing across restarts)
    for (let i = 0; i < 100 && (await get('/closed')).status === 503; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await statuses(3, '/cluster')).toEqual([200, 200, 429]);
    // decided by Redis: the refusing window's t is Retry-After there too
    const refused = await get('/cluster');
    expect(refused.headers.ratelimit).toBe(`"minute";r=0;t=${refused.headers['retry-after']}`);
  });
});
