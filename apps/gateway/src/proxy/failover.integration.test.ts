import { createServer, type Server } from 'node:net';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, defaultService, route, startUpstream, upstream, type TestUpstream } from '../testing/fixtures';
import { type Lab, startLab } from '../testing/lb-harness';

/**
 * "A dead target loses no request by default": two targets (weighted round robin), one of them
 * dead, services with the shipped defaults and no health checks configured. Every request must
 * be answered by the live target, whatever its method, through both upstream clients.
 */
describe.each(['lean', 'undici'] as const)('a dead target with default settings (%s client)', (upstreamClient) => {
  let lab: Lab;
  let live: TestUpstream;
  /** accepts the connection, then resets it without reading a byte */
  let resetter: Server;
  let resets = 0;

  beforeAll(async () => {
    live = await startUpstream('live');
    resetter = createServer((socket) => {
      resets++;
      socket.resetAndDestroy();
    });
    await new Promise<void>((resolve) => resetter.listen(0, '127.0.0.1', resolve));
    const resetPort = (resetter.address() as { port: number }).port;
    // one refusing port per upstream: each starts with its own passive health state
    const [deadGet, deadPost, deadStream] = [await closedPort(), await closedPort(), await closedPort()];
    const pair = (dead: number) => [{ port: dead }, { port: live.port }];
    lab = await startLab(
      {
        services: [
          defaultService('svc-get', { upstreamId: 'up-get' }),
          defaultService('svc-post', { upstreamId: 'up-post' }),
          defaultService('svc-stream', { upstreamId: 'up-stream' }),
          defaultService('svc-reset', { upstreamId: 'up-reset' }),
        ],
        routes: [
          route('r-get', 'svc-get', ['/get']),
          route('r-post', 'svc-post', ['/post']),
          route('r-stream', 'svc-stream', ['/stream']),
          route('r-reset', 'svc-reset', ['/reset']),
        ],
        upstreams: [
          // the dead target comes first: the balancer's first pick is the dead one
          upstream('up-get', pair(deadGet), 'weighted-round-robin'),
          upstream('up-post', pair(deadPost), 'weighted-round-robin'),
          upstream('up-stream', pair(deadStream), 'weighted-round-robin'),
          upstream('up-reset', [{ port: resetPort }, { port: live.port }], 'weighted-round-robin'),
        ],
      },
      { upstreamClient },
    );
  });

  afterAll(async () => {
    await lab?.stop();
    await live?.close();
    await new Promise((resolve) => resetter?.close(resolve));
  });

  /** consecutive failures the gateway recorded for the first (dead) target of `upstreamId` */
  const failuresOfDead = async (upstreamId: string): Promise<number> => {
    const health = (await lab.health()).filter((h) => h.upstreamId === upstreamId);
    return Math.max(...health.map((h) => h.consecutiveFailures));
  };

  it('answers every GET from the live target (refused connections go to the other target)', async () => {
    const results = [];
    for (let i = 0; i < 12; i++) results.push(await lab.get('/get'));
    console.log(results.map(r=>r.body).slice(0,3)); expect(results.map((r) => `${r.status} ${r.upstream}`)).toEqual(Array(12).fill('200 live'));
    expect(await failuresOfDead('up-get')).toBeGreaterThan(0);
  });

  it('answers every POST too: nothing was sent to the refusing target, the body goes whole to the other', async () => {
    for (let i = 0; i < 12; i++) {
      const r = await lab.get('/post', { method: 'POST', body: `order ${i}` });
      expect(r).toMatchObject({ status: 200, upstream: 'live' });
      expect(JSON.parse(r.body)).toMatchObject({ method: 'POST', bytes: `order ${i}`.length });
    }
    expect(await failuresOfDead('up-post')).toBeGreaterThan(0);
  });

  it('a streamed request body still arriving when the first connection fails reaches the other target whole', async () => {
    async function* slowBody(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 4; i++) {
        yield Buffer.alloc(4_096, 0x61 + i);
        await sleep(25);
      }
    }
    for (let i = 0; i < 4; i++) {
      const res = await request(`http://127.0.0.1:${lab.gw.proxyPort}/stream`, { method: 'POST', body: Readable.from(slowBody()), dispatcher: lab.client });
      expect(res.statusCode).toBe(200);
      expect(await res.body.json()).toMatchObject({ name: 'live', bytes: 4 * 4_096 });
    }
    expect(await failuresOfDead('up-stream')).toBeGreaterThan(0);
  });

  it('a target that accepts then resets: every GET is answered by the other target', async () => {
    const before = resets;
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await lab.get('/reset'));
    expect(results.map((r) => `${r.status} ${r.upstream}`)).toEqual(Array(10).fill('200 live'));
    expect(resets).toBeGreaterThan(before);
  });
});
