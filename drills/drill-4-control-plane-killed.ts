import { startControlPlane } from '../test/harness/platform';
import { startLoad, type LoadStats } from './lib/load';
import { platformWithRoute } from './lib/one-route';
import { sleep } from './lib/targets';
import type { Drill } from './lib/types';
import { logLines, startWriter, summarizeWrites } from './lib/writes';

/**
 * Two gateways following the control plane over SSE (no Redis, the `npm start` shape; default 5 s
 * reconcile poll). Under client load the control plane is SIGKILLed. While it is down, gateway 2 is
 * stopped (SIGTERM) and started again on its data dir: it must start from its last-known-good
 * snapshot and serve. Then the control plane starts again on its port, and admin writes (a new route
 * every 250 ms) begin the moment it answers.
 * Target: 0 failed proxied requests throughout (gateway 2's load is paused only while it restarts);
 * the restarted gateway serves the last revision from disk; every write after the control plane's
 * return converges (write start -> both gateways serve it) within 3 s: the events stream retries
 * within 1 s while the control plane is not there, so the notices reach the gateways, not only the
 * reconcile poll (which bounded this at 5 s before).
 */
const RECONCILE_MS = 5000;
const BOUND_MS = 3000;

const sum = (...all: LoadStats[]) => ({
  sent: all.reduce((n, s) => n + s.sent, 0),
  failed: all.reduce((n, s) => n + s.failed, 0),
});

export const drill4: Drill = {
  id: 4,
  name: 'control plane killed, gateway restarted meanwhile',
  async run(ctx) {
    const s = ctx.durationScale;
    const { p, revision } = await platformWithRoute(ctx, { gateways: 2, redis: false, gatewayEnv: { AYA_RECONCILE_INTERVAL_MS: String(RECONCILE_MS) } }, '/d4');
    await sleep(1500); // the last-known-good file follows the applied config within a second
    const [g1, g2] = p.gateways;

    const load1 = startLoad({ urls: [`${g1.proxyUrl}/d4/x`], concurrency: 4 });
    const load2 = startLoad({ urls: [`${g2.proxyUrl}/d4/x`], concurrency: 4 });
    ctx.log('load on 2 gateways (4 connections each)');
    await sleep(2000 * s);

    ctx.log('killing the control plane (SIGKILL)');
    const killedAt = Date.now();
    p.cp.child.kill('SIGKILL');
    await p.cp.exited;
    await sleep(3000 * s);

    ctx.log('restarting gateway 2 (SIGTERM, then start on its data dir) while the control plane is down');
    const stats2 = await load2.stop();
    await g2.stop();
    const restartAt = Date.now();
    const g2b = await p.addGateway({ dataDir: g2.dataDir, proxyPort: g2.proxyPort });
    p.gateways.splice(p.gateways.indexOf(g2), 1);
    const startMs = Date.now() - restartAt;
    const fromDisk = (await g2b.status()).revision;
    const load2b = startLoad({ urls: [`${g2b.proxyUrl}/d4/x`], concurrency: 4 });
    ctx.log(`gateway 2 up in ${startMs} ms at revision ${fromDisk} (control plane had ${revision})`);
    await sleep(3000 * s);

    ctx.log('starting the control plane again on its port; writing a route every 250 ms from the moment it answers');
    const cpStartAt = Date.now();
    const cp2 = await startControlPlane({ databaseUrl: p.databaseUrl, port: p.cp.port, adminToken: p.cp.adminToken, clusterToken: p.cp.clusterToken });
    ctx.defer(() => cp2.stop());
    const cpUpMs = Date.now() - cpStartAt;
    const writer = startWriter({
      api: p.api,
      gateways: () => p.gateways,
      service: 'svc',
      prefix: 'd4',
      intervalMs: 250,
      phase: () => 'control plane back',
      convergeTimeoutMs: BOUND_MS + 10_000,
    });
    await sleep(8000 * s);
    const records = await writer.stop();
    const [stats1, stats2b] = await Promise.all([load1.stop(), load2b.stop()]);

    const total = sum(stats1, stats2, stats2b);
    const ok = records.filter((r) => r.status >= 200 && r.status < 300);
    const converged = ok.map((r) => r.convergeMs);
    const convergeMs = converged.length > 0 && converged.every((v) => v !== undefined) ? Math.max(...(converged as number[])) : undefined;
    ctx.log(`${records.length} writes after the return (${records.length - ok.length} refused), slowest convergence ${convergeMs ?? 'never'} ms`);
    return {
      sent: total.sent,
      failed: total.failed,
      convergeMs,
      bound: `0 failed; restarted gateway serves from disk; writes after the return converge <= ${BOUND_MS / 1000} s`,
      passed:
        total.failed === 0 &&
        fromDisk === revision &&
        stats2b.ok > 0 &&
        ok.length === records.length &&
        convergeMs !== undefined &&
        convergeMs <= BOUND_MS,
      details: {
        gateway1: stats1,
        gateway2BeforeRestart: stats2,
        gateway2FromDisk: stats2b,
        revisionBeforeKill: revision,
        revisionRestartedGatewayServed: fromDisk,
        gatewayRestartMs: startMs,
        controlPlaneDownMs: cpStartAt - killedAt,
        controlPlaneStartMs: cpUpMs,
        writes: summarizeWrites(records),
        firstWrites: records.slice(0, 5),
        gatewayLog: p.gateways.map((g) => logLines(g.logs(), /control plane|events stream|snapshot|config pull/i)),
      },
    };
  },
};
