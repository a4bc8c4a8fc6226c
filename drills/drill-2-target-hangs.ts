import { startLoad } from './lib/load';
import { startPlatform } from './lib/platform';
import { routeToPool } from './lib/pool-route';
import { processSockets, sleep, startHangableTarget, startTargetProcess } from './lib/targets';
import type { Drill } from './lib/types';

/**
 * An upstream target that starts hanging under load: it accepts connections and reads requests
 * but never answers. The service has sensible settings (1 s connect and read timeouts, 1 retry),
 * the upstream passive health (3 failures, 10 s cool-down) and a breaker. What we measure:
 * - failed client requests: 0 expected, because a GET that times out on the hanging target is
 *   retried on the healthy one (idempotent, no body); only requests whose retry also failed count;
 * - how long clients feel it: until the last request delayed by the first wave (it waited for the
 *   read timeout, then was retried) has finished; after that only one trial request per cool-down
 *   goes to the hanging target;
 * - sockets: the hanging target's open connections and the gateway's socket count, sampled every
 *   250 ms: a gateway that kept timed-out sockets would grow both with every timeout.
 */
const CONCURRENCY = 8;
const READ_TIMEOUT_MS = 1_000;
const COOLDOWN_MS = 10_000;
const OUT_BOUND_MS = 5_000;
const SOCKET_BOUND = 2 * CONCURRENCY;

export const drill2: Drill = {
  id: 2,
  name: 'upstream target hangs',
  async run(ctx) {
    const s = ctx.durationScale;
    const p = await startPlatform(ctx);
    const good = await startTargetProcess('a');
    const hang = await startHangableTarget('h');
    ctx.defer(() => good.kill());
    ctx.defer(() => hang.close());
    await routeToPool(p, '/d2', [good.target, hang.target], {
      upstream: {
        healthChecks: { passive: { unhealthyThreshold: 3, cooldownMs: COOLDOWN_MS } },
        circuitBreaker: { failureThreshold: 3, openMs: COOLDOWN_MS, halfOpenProbes: 1 },
      },
      service: { connectTimeoutMs: 1_000, readTimeoutMs: READ_TIMEOUT_MS, retries: 1 },
    });
    const gwPid = p.gateways[0].child.pid as number;

    let hungAt = 0;
    // client requests the hang delayed (they waited for the read timeout before their retry): end times
    const delayedEnds: number[] = [];
    const load = startLoad({
      urls: [`${p.gateways[0].proxyUrl}/d2/x`],
      concurrency: CONCURRENCY,
      onResult: (r) => hungAt && r.ms >= READ_TIMEOUT_MS * 0.9 && delayedEnds.push(r.startedAt + r.ms - hungAt),
    });
    ctx.log(`load running: ${CONCURRENCY} connections`);
    await sleep(3000 * s);
    const baseline = { gateway: processSockets(gwPid), hanging: hang.openSockets() };
    ctx.log(`target h starts hanging (gateway sockets ${baseline.gateway}, h's ${baseline.hanging})`);
    hungAt = Date.now();
    hang.hang();
    const samples: { t: number; gateway: number; hanging: number }[] = [];
    const until = hungAt + 15_000 * s;
    while (Date.now() < until) {
      samples.push({ t: Date.now() - hungAt, gateway: processSockets(gwPid), hanging: hang.openSockets() });
      await sleep(250);
    }
    const stats = await load.stop();

    const arrivals = hang.hungArrivals.map((t) => t - hungAt);
    // converged: the last client request delayed by the first wave of the hang has finished (later
    // delayed ones are the single trial request per cool-down)
    const firstWave = delayedEnds.filter((t) => t < COOLDOWN_MS / 2);
    const convergeMs = firstWave.length ? Math.round(Math.max(...firstWave)) : undefined;
    const maxHanging = Math.max(...samples.map((x) => x.hanging));
    const maxGateway = Math.max(...samples.map((x) => x.gateway));
    const last = samples[samples.length - 1];
    ctx.log(`h got ${arrivals.length} requests while hanging; ${delayedEnds.length} client requests delayed, the first wave until ${convergeMs ?? '-'} ms; sockets max h ${maxHanging}, gateway ${maxGateway} (baseline ${baseline.gateway}, end ${last.gateway})`);
    const socketsBounded = maxHanging <= SOCKET_BOUND && last.gateway <= baseline.gateway + CONCURRENCY;
    return {
      sent: stats.sent,
      failed: stats.failed,
      convergeMs,
      bound: `0 failed; hang felt <= ${OUT_BOUND_MS / 1000} s, then 1 trial per cool-down; sockets <= ${SOCKET_BOUND} at the target, none piling up in the gateway`,
      passed: stats.failed === 0 && convergeMs !== undefined && convergeMs <= OUT_BOUND_MS && delayedEnds.length - firstWave.length <= Math.ceil((15_000 * s) / COOLDOWN_MS) && socketsBounded,
      details: { load: stats, hungArrivalsMs: arrivals, delayedRequestEndsMs: delayedEnds.map(Math.round), baselineSockets: baseline, maxHangingSockets: maxHanging, maxGatewaySockets: maxGateway, socketSamples: samples },
    };
  },
};
