import { startBalancer } from './lib/balancer';
import { startLoad } from './lib/load';
import { mustWrite, startPlatform } from './lib/platform';
import { eventually } from '../test/harness/ports';
import { sleep, startTargetProcess } from './lib/targets';
import type { Drill } from './lib/types';

/**
 * Two gateways behind a TCP balancer (lib/balancer.ts). One gateway gets SIGTERM under load: it
 * stops accepting (the balancer then connects to the other), lets in-flight requests finish and
 * exits. Target: clients see no failed request, and a replacement gateway, added to the balancer
 * once its /ready says so (as a Kubernetes Service adds a ready pod), takes traffic within the
 * bound (from its start command to its first request through the balancer).
 */
const BOUND_MS = 10_000;

export const drill6: Drill = {
  id: 6,
  name: 'gateway SIGTERM under load',
  async run(ctx) {
    const s = ctx.durationScale;
    const p = await startPlatform(ctx, { gateways: 2 });
    const up = await startTargetProcess('a');
    ctx.defer(() => up.kill());
    await mustWrite(p.api, 'POST', '/api/v1/tenants/default/services', { name: 'svc', url: `http://${up.target}` });
    await mustWrite(p.api, 'POST', '/api/v1/tenants/default/routes', { name: 'r', service: 'svc', paths: ['/d6'] });
    await p.inSync();
    const [g1, g2] = p.gateways;
    const lb = await startBalancer([g1.proxyPort, g2.proxyPort]);
    ctx.defer(() => lb.close());

    const load = startLoad({ urls: [`${lb.url}/d6/x`], concurrency: 8, maxRequestsPerConnection: 200 });
    ctx.log('load running: 8 keep-alive connections (200 requests each, then a new one) through the balancer to 2 gateways');
    await sleep(3000 * s);
    const before = load.stats();
    ctx.log(`SIGTERM to gateway 1 after ${before.sent} requests (${before.failed} failed)`);
    const termAt = Date.now();
    const code = await g1.stop(30_000);
    const drainMs = Date.now() - termAt;
    const afterStop = load.stats();
    ctx.log(`gateway 1 exited with ${code} after ${drainMs} ms; ${afterStop.failed - before.failed} failed meanwhile`);
    await sleep(2000 * s);

    ctx.log('starting a replacement gateway; the balancer gets it once it is ready (/ready 200), as a Kubernetes endpoint');
    const startedAt = Date.now();
    const g3 = await p.addGateway();
    await eventually(async () => (await fetch(`${g3.statusUrl}/ready`)).status === 200, BOUND_MS);
    lb.setBackends([g2.proxyPort, g3.proxyPort]);
    let backMs: number | undefined;
    while (Date.now() - startedAt < BOUND_MS + 5000) {
      // clients reconnect every 200 requests, so the balancer hands the replacement new connections
      if ((await servedRequests(g3.statusUrl)) > 0) {
        backMs = Date.now() - startedAt;
        break;
      }
      await sleep(100);
    }
    ctx.log(backMs !== undefined ? `replacement took traffic ${backMs} ms after its start` : 'replacement took no traffic');
    await sleep(1000);
    const stats = await load.stop();
    return {
      sent: stats.sent,
      failed: stats.failed,
      convergeMs: backMs,
      bound: `0 failed; replacement serving <= ${BOUND_MS / 1000} s after its start`,
      passed: stats.failed === 0 && backMs !== undefined && backMs <= BOUND_MS,
      details: { load: stats, termAt, replacementStartedAt: startedAt, exitCode: code, drainMs, failedDuringDrain: afterStop.failed - before.failed, balancerConnections: lb.connections, balancerErrors: lb.errors },
    };
  },
};

/** Requests a gateway proxied so far, from its Prometheus counters. */
async function servedRequests(statusUrl: string): Promise<number> {
  const text = await (await fetch(`${statusUrl}/metrics`)).text();
  let n = 0;
  for (const m of text.matchAll(/^aya_gateway_requests_total\{[^}]*\} (\d+)/gm)) n += Number(m[1]);
  return n;
}
