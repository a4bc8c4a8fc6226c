import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../../../test/harness/fault-proxy';
import { startGateway, type GatewayHandle } from '../gateway';
import { silentLogger } from '../log';
import { FakeControlPlane } from '../testing/fake-control-plane';
import { route, service, startUpstream, tempDir, until, type TestUpstream } from '../testing/fixtures';

/**
 * The gateway reaches a cluster-protocol peer through a TCP fault proxy; "the control plane is
 * down" = every connection reset as soon as the gateway sends its request (as a restarting control
 * plane behind a balancer looks), so each reconnect attempt of the events stream is one reset.
 */
const TOKEN = 'cluster-secret';
const WAIT_MS = 20_000;
let cp: FakeControlPlane;
let proxy: FaultProxy;
let gw: GatewayHandle;
let up: TestUpstream;


const snap = (n: number) => ({ services: [service('svc', { host: '127.0.0.1', port: up.port })], routes: [route('r', 'svc', [`/v${n}`])], upstreams: [] });

beforeAll(async () => {
  up = await startUpstream('up');
  cp = await new FakeControlPlane(TOKEN).start();
  cp.publish(snap(1));
  proxy = await startFaultProxy({ port: cp.port });
  gw = await startGateway({
    proxyPort: 0,
    proxyHost: '127.0.0.1',
    statusPort: 0,
    controlPlaneUrl: `http://${proxy.address}`,
    clusterToken: TOKEN,
    dataDir: await tempDir(),
    // long poll: only the events stream can bring the missed revision in time
    reconcileIntervalMs: 600_000,
    heartbeatIntervalMs: 600_000,
    logger: silentLogger,
  });
});

afterAll(async () => {
  await gw?.stop();
  await proxy?.close();
  await cp?.close();
  await up?.close();
});

describe('events stream while the control plane is away', () => {
  it('retries within a second however long it has been away, and applies what it missed once it is back', async () => {
    await until(() => gw.current().revision === 1 && cp.streamCount === 1, 'revision 1 and the events stream', WAIT_MS);
    proxy.set({ resetProbability: 1 });
    await proxy.cut(); // the open stream is reset
    await proxy.restore();

    const attempts: number[] = [];
    await until(
      () => {
        for (let n = proxy.stats().resets; attempts.length < n; ) attempts.push(Date.now());
        return attempts.length >= 7;
      },
      'seven reconnect attempts',
      40_000,
    );
    // the backoff starts at 250 ms and doubles; before, it grew to 2-4 s by the fifth gap (and on to 10 s)
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]);
    expect(Math.max(...gaps.slice(3))).toBeLessThan(2000);

    const rev = cp.publish(snap(2)); // no stream is open: nobody hears this notice
    proxy.set({ resetProbability: 0 });
    await until(() => gw.current().revision === rev, 'the revision made while it was away', 5000);
  });
});
