import { startLoad, type RequestResult } from './lib/load';
import { platformWithRoute } from './lib/one-route';
import { mustWrite } from './lib/platform';
import { sleep } from './lib/targets';
import type { Drill } from './lib/types';

/**
 * Two gateways sharing a `cluster` rate limit (Redis, fault tolerant: the default) of LIMIT requests per
 * second on one route, offered about four times that. redis-server is SIGKILLed under the load and
 * started again 8 s later.
 * Documented behaviour while Redis is down: each gateway counts on its own (fail-open to local
 * counting), so the route allows up to LIMIT per gateway, i.e. 2 x LIMIT per second here, and every
 * such decision is counted in aya_gateway_ratelimit_redis_errors_total.
 * Target: 0 failed (only 200 or 429 AYA_GW_RATE_LIMITED answers, no transport error); allowed per second
 * <= LIMIT + 10% with Redis up (before the kill and once back), <= 2 x LIMIT + 10% while it is down; the
 * shared limit holds again (every later second within LIMIT + 10%) <= 3 s after Redis is back.
 */
const LIMIT = 50;
const BOUND_MS = 3000;
const SLACK = 1.1;

export const drill10: Drill = {
  id: 10,
  name: 'Redis killed under rate-limited load',
  async run(ctx) {
    const s = ctx.durationScale;
    const { p } = await platformWithRoute(ctx, { gateways: 2, redis: true }, '/d10');
    const redis = p.redis;
    if (!redis) throw new Error('drill 10 needs Redis');
    await mustWrite(p.api, 'POST', '/api/v1/tenants/default/plugins', {
      name: 'rate-limit',
      route: 'r',
      config: { limits: [{ window: 'second', limit: LIMIT }], by: 'route', policy: 'cluster' },
    });
    await p.inSync();
    // the gateways connect their counters to Redis in the background: a moment before measuring
    await sleep(2000);

    /** epoch second -> requests allowed (200) in it, over both gateways */
    const allowedPerSecond = new Map<number, number>();
    const onResult = (r: RequestResult): void => {
      if (r.status !== 200) return;
      const sec = Math.floor((r.startedAt + r.ms) / 1000);
      allowedPerSecond.set(sec, (allowedPerSecond.get(sec) ?? 0) + 1);
    };
    const load = startLoad({
      urls: p.gateways.map((g) => `${g.proxyUrl}/d10/x`),
      concurrency: 8,
      ratePerSec: 4 * LIMIT,
      isFailure: (status) => status !== 200 && status !== 429,
      onResult,
    });
    ctx.log(`load ${4 * LIMIT}/s on 2 gateways sharing a cluster limit of ${LIMIT}/s`);
    const upFrom = Date.now();
    await sleep(6000 * s);

    ctx.log('killing redis-server (SIGKILL)');
    const killedAt = Date.now();
    await redis.stop();
    await sleep(8000 * s);

    ctx.log('starting redis-server again on its port');
    await redis.start();
    const backAt = Date.now();
    await sleep(8000 * s);
    const stats = await load.stop();
    const endAt = Date.now();

    // whole seconds inside each phase (the partial first and last seconds are left out)
    const seconds = (from: number, to: number): Array<[number, number]> => {
      const out: Array<[number, number]> = [];
      for (let sec = Math.ceil(from / 1000); sec < Math.floor(to / 1000); sec++) out.push([sec, allowedPerSecond.get(sec) ?? 0]);
      return out;
    };
    const up = seconds(upFrom, killedAt);
    const down = seconds(killedAt + 1000, backAt);
    const back = seconds(backAt, endAt);
    const within = (n: number, max: number): boolean => n <= Math.floor(max * SLACK);
    // the first second after the restart from which every second keeps the shared limit
    const firstHeld = back.findIndex((_, i) => back.slice(i).every(([, n]) => within(n, LIMIT)));
    const convergeMs = firstHeld < 0 ? undefined : Math.max(0, back[firstHeld][0] * 1000 - backAt);
    const metrics = await Promise.all(p.gateways.map(async (g) => /aya_gateway_ratelimit_redis_errors_total (\d+)/.exec(await (await fetch(`${g.statusUrl}/metrics`)).text())?.[1]));
    const upHeld = up.slice(1).every(([, n]) => within(n, LIMIT));
    const downHeld = down.every(([, n]) => within(n, 2 * LIMIT));
    ctx.log(`allowed per second: up ${up.map(([, n]) => n).join(' ')} | down ${down.map(([, n]) => n).join(' ')} | back ${back.map(([, n]) => n).join(' ')}`);
    return {
      sent: stats.sent,
      failed: stats.failed,
      convergeMs,
      bound: `0 failed (200 or 429 only); allowed/s <= ${LIMIT} + 10% with Redis up, <= 2 x ${LIMIT} + 10% while down (each gateway counts locally); limit held again <= ${BOUND_MS / 1000} s after Redis is back`,
      passed: stats.failed === 0 && upHeld && downHeld && convergeMs !== undefined && convergeMs <= BOUND_MS && metrics.every((m) => Number(m) > 0),
      details: {
        load: stats,
        limitPerSecond: LIMIT,
        allowedPerSecond: { up: up.map(([, n]) => n), down: down.map(([, n]) => n), back: back.map(([, n]) => n) },
        redisErrorsMetric: metrics,
        gatewayLog: p.gateways.map((g) => g.logs().split('\n').filter((l) => /rate-limit/.test(l)).slice(0, 10)),
      },
    };
  },
};
