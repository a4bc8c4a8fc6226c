import { startLoad } from './lib/load';
import { startPlatform } from './lib/platform';
import { routeToPool } from './lib/pool-route';
import { sleep, startTargetProcess } from './lib/targets';
import type { Drill } from './lib/types';

/**
 * An upstream with two targets and the service defaults (no health checks, retries, timeouts
 * configured). One target process is SIGKILLed under load and started again on the same port.
 * Target: no client request fails (a connection that never opened goes to the other target), and
 * the revived target gets traffic again within the bound: the default passive-health cool-down of
 * an upstream with 2+ targets (DEFAULT_PASSIVE in apps/gateway/src/compile/compile-service.ts, 5 s)
 * plus 5 s, counted from its restart.
 */
const COOLDOWN_DEFAULT_MS = 5_000;
const BOUND_MS = COOLDOWN_DEFAULT_MS + 5_000;

export const drill1: Drill = {
  id: 1,
  name: 'upstream target killed, then revived',
  async run(ctx) {
    const s = ctx.durationScale;
    const p = await startPlatform(ctx);
    const a = await startTargetProcess('a');
    const b = await startTargetProcess('b');
    ctx.defer(() => a.kill());
    ctx.defer(() => b.kill());
    await routeToPool(p, '/d1', [a.target, b.target]);

    let revivedAt = 0;
    let backAt = 0;
    const servedBy: Record<string, number> = {};
    const load = startLoad({
      urls: [`${p.gateways[0].proxyUrl}/d1/x`],
      concurrency: 8,
      onResult: (r) => {
        const who = String(r.headers?.['x-upstream'] ?? r.error ?? r.status);
        servedBy[who] = (servedBy[who] ?? 0) + 1;
        if (revivedAt && !backAt && who === 'b') backAt = Date.now();
      },
    });
    ctx.log('load running: 8 connections');
    await sleep(3000 * s);
    const before = load.stats();
    ctx.log(`killing target b (SIGKILL) after ${before.sent} requests (${before.failed} failed)`);
    const killedAt = Date.now();
    await b.kill();
    await sleep(5000 * s);
    ctx.log(`restarting b on port ${b.port}`);
    await b.restart();
    const down = load.stats();
    ctx.log(`b is up again; while it was down: ${down.sent - before.sent} requests, ${down.failed - before.failed} failed`);
    revivedAt = Date.now();
    while (!backAt && Date.now() - revivedAt < BOUND_MS + 5000) await sleep(100);
    ctx.log(backAt ? `b back in rotation ${backAt - revivedAt} ms after its restart` : 'b did not get traffic again');
    await sleep(2000);
    const stats = await load.stop();
    const convergeMs = backAt ? backAt - revivedAt : undefined;
    return {
      sent: stats.sent,
      failed: stats.failed,
      convergeMs,
      bound: `0 failed; revived target serving <= ${BOUND_MS / 1000} s after its restart`,
      passed: stats.failed === 0 && convergeMs !== undefined && convergeMs <= BOUND_MS,
      details: {
        load: stats,
        servedBy,
        downMs: revivedAt - killedAt,
        failedWhileDown: down.failed - before.failed,
        failedBeforeKill: before.failed,
      },
    };
  },
};
