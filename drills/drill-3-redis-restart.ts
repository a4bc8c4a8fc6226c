import { startLoad } from './lib/load';
import { platformWithRoute } from './lib/one-route';
import { sleep } from './lib/targets';
import type { Drill } from './lib/types';
import { logLines, startWriter, summarizeWrites } from './lib/writes';

/**
 * Control plane and two gateways with REDIS_URL (notices over Redis pub/sub). redis-server is
 * SIGKILLed under client load while an admin write (a new route) is made every 250 ms, and started
 * again 8 s later. While Redis is down the gateways follow the control plane's SSE stream; once it
 * is back they subscribe again. Gateways run the default reconcile poll (5 s).
 * Target: 0 failed proxied requests, every admin write succeeds, and each converges (write start ->
 * both gateways serve the new route) within the bound: the reconcile interval + 1 s, the worst case
 * of a notice lost in the switch-over.
 */
const RECONCILE_MS = 5000;
const BOUND_MS = RECONCILE_MS + 1000;

export const drill3: Drill = {
  id: 3,
  name: 'Redis killed and restarted during admin writes',
  async run(ctx) {
    const s = ctx.durationScale;
    const { p } = await platformWithRoute(ctx, { gateways: 2, redis: true, gatewayEnv: { AYA_RECONCILE_INTERVAL_MS: String(RECONCILE_MS) } }, '/d3');
    const redis = p.redis;
    if (!redis) throw new Error('drill 3 needs Redis');

    const load = startLoad({ urls: p.gateways.map((g) => `${g.proxyUrl}/d3/x`), concurrency: 8 });
    let phase = 'redis up';
    const writer = startWriter({
      api: p.api,
      gateways: () => p.gateways,
      service: 'svc',
      prefix: 'd3',
      intervalMs: 250,
      phase: () => phase,
      convergeTimeoutMs: BOUND_MS + 10_000,
    });
    ctx.log('load on 2 gateways (8 connections), a route written every 250 ms');
    await sleep(3000 * s);

    ctx.log('killing redis-server (SIGKILL)');
    const killedAt = Date.now();
    await redis.stop();
    phase = 'redis down';
    await sleep(8000 * s);

    ctx.log('starting redis-server again on its port');
    await redis.start();
    phase = 'redis back';
    await sleep(8000 * s);

    const records = await writer.stop();
    const stats = await load.stop();
    const ok = records.filter((r) => r.status >= 200 && r.status < 300);
    const outage = records.filter((r) => r.phase !== 'redis up');
    const converged = outage.map((r) => r.convergeMs);
    const convergeMs = converged.every((v) => v !== undefined) ? Math.max(0, ...(converged as number[])) : undefined;
    ctx.log(`${records.length} writes (${records.length - ok.length} refused), slowest convergence during/after the outage: ${convergeMs ?? 'never'} ms`);
    const cpAlive = p.cp.child.exitCode === null && p.cp.child.signalCode === null;
    return {
      sent: stats.sent,
      failed: stats.failed,
      convergeMs,
      bound: `0 failed; every write succeeds and converges <= ${BOUND_MS / 1000} s`,
      passed: stats.failed === 0 && cpAlive && ok.length === records.length && convergeMs !== undefined && convergeMs <= BOUND_MS,
      details: {
        load: stats,
        writes: summarizeWrites(records),
        controlPlaneAlive: cpAlive,
        // how the gateways followed: Redis lost, SSE meanwhile, subscribed again
        gatewayLog: p.gateways.map((g) => logLines(g.logs(), /redis|events stream/i)),
        // each write of the outage and after it: [ms after the fault, admin API ms, converged ms]
        outageWrites: outage.map((r) => [r.phase, r.startedAt - killedAt, r.ms, r.convergeMs ?? null]),
      },
    };
  },
};
