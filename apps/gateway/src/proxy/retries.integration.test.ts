import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, closedPort, listenOn, route, service, upstream } from '../testing/fixtures';
import { type Lab, type Target, startLab, targets } from '../testing/lb-harness';

let lab: Lab;
let b: Target;
let hang: Target;
/** accepts, reads the request head, then cuts the connection: a failure after bytes were sent */
let reset: Server;
let resetHits = 0;
let resetPort = 0;
/** never reads request bodies: the gateway's writes back up */
let deaf: Server;

beforeAll(async () => {
  [b, hang] = await targets('b', 'hang');
  hang.mode = 'hold';
  reset = createServer((req) => {
    resetHits++;
    req.socket.destroy();
  });
  resetPort = await listenOn(reset);
  deaf = createServer(() => {});
  const deafPort = await listenOn(deaf);
  const refused = await closedPort();
  const noBudget = { ratio: 0.2, windowMs: 60_000, minRetries: 0 };
  lab = await startLab({
    services: [
      service('svc-reset', { upstreamId: 'up-reset', retries: 1 }),
      service('svc-budget', { upstreamId: 'up-budget', retries: 1, retryBudget: noBudget }),
      service('svc-hang', { upstreamId: 'up-hang', retries: 1, readTimeoutMs: 300 }),
      service('svc-total', { upstreamId: 'up-total', totalTimeoutMs: 300 }),
      service('svc-refused', { upstreamId: 'up-refused', retries: 1 }),
      // a read timeout far beyond the test's own timeout: only the send timeout can answer in time
      service('svc-send', { host: '127.0.0.1', port: deafPort, sendTimeoutMs: 200, readTimeoutMs: 600_000 }),
    ],
    routes: [
      route('r-reset', 'svc-reset', ['/reset']),
      route('r-budget', 'svc-budget', ['/budget']),
      route('r-hang', 'svc-hang', ['/hang']),
      route('r-total', 'svc-total', ['/total']),
      route('r-refused', 'svc-refused', ['/refused']),
      route('r-send', 'svc-send', ['/send']),
    ],
    upstreams: [
      // the failing target comes first so round-robin tries it first
      upstream('up-reset', [{ port: resetPort }, { port: b.port }]),
      upstream('up-budget', [{ port: resetPort }, { port: b.port }]),
      upstream('up-hang', [{ port: hang.port }, { port: b.port }]),
      upstream('up-total', [{ port: hang.port }]),
      upstream('up-refused', [{ port: refused }, { port: b.port }]),
    ],
  });
});

afterAll(async () => {
  await lab.stop();
  await Promise.all([b.kill(), hang.kill(), closeServer(reset), closeServer(deaf)]);
});

describe('retries and timeouts over real sockets', () => {
  it('retries an idempotent request cut after it was sent, on another target', async () => {
    for (const method of ['GET', 'DELETE', 'PUT']) {
      const before = resetHits;
      const r = await lab.get('/reset', { method });
      expect(r).toMatchObject({ status: 200, upstream: 'b' });
      expect(resetHits).toBe(before + 1);
      await lab.get('/reset'); // round-robin: the next request starts on b
    }
  });

  it('never retries a non-idempotent request once bytes may have left', async () => {
    const hitsB = b.hits;
    for (let i = 0; i < 2; i++) {
      const r = await lab.get('/reset', { method: 'POST', body: 'pay once' });
      if (r.upstream === 'b') continue; // round-robin started on b
      expect(r).toMatchObject({ status: 502, code: 'AYA_GW_UPSTREAM_UNAVAILABLE' });
    }
    expect(b.hits).toBe(hitsB + 1);
  });

  it('retries any method when the connection was refused (nothing was sent)', async () => {
    for (let i = 0; i < 4; i++) expect(await lab.get('/refused', { method: 'POST', body: 'x' })).toMatchObject({ status: 200, upstream: 'b' });
  });

  it('retries a read timeout of an idempotent request on another target', async () => {
    const r = await lab.get('/hang');
    expect(r).toMatchObject({ status: 200, upstream: 'b' });
    expect(hang.holding).toBeGreaterThan(0);
    hang.release();
  });

  it('total timeout answers 504 AYA_GW_UPSTREAM_TIMEOUT', async () => {
    expect(await lab.get('/total')).toMatchObject({ status: 504, code: 'AYA_GW_UPSTREAM_TIMEOUT' });
    hang.release();
  });

  it('send timeout: an upstream that never reads the body answers 504', async () => {
    const big = 'x'.repeat(8 * 1024 * 1024); // more than the socket buffers hold
    expect(await lab.get('/send', { method: 'POST', body: big })).toMatchObject({ status: 504, code: 'AYA_GW_UPSTREAM_TIMEOUT' });
    // the half-sent request must not leave the client's connections stuck
    expect(await lab.get('/refused')).toMatchObject({ status: 200 });
  });

  it('the retry budget caps retries at 20% of the requests in the window', async () => {
    const before = resetHits;
    const results = [];
    for (let i = 0; i < 40; i++) results.push(await lab.get('/budget'));
    const firstOnReset = resetHits - before;
    const ok = results.filter((r) => r.status === 200).length;
    const retried = ok - (40 - firstOnReset);
    expect(retried).toBeGreaterThan(0);
    expect(retried).toBeLessThanOrEqual(0.2 * 40);
    expect(results.filter((r) => r.status === 502).length).toBe(firstOnReset - retried);
    expect(results.filter((r) => r.status === 502).length).toBeGreaterThan(0);
  });
});
