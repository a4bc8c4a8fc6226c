import { maxHeaderSize } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, get, H1TestBed, okResponse, pathOf, type Outcome } from '../testing/h1-test-bed';
import type { H1Pool } from './h1-pool';

/**
 * Upstreams that misbehave on purpose: every byte no written request owns must destroy the
 * connection and never reach a request (undici closes such a connection too).
 */
const bed = new H1TestBed();
afterEach(() => bed.close());

const STRAY = okResponse('stray');
const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function fetchOne(p: H1Pool, path: string): Promise<Outcome> {
  const { handler, done } = collect();
  p.dispatch(get(path), handler);
  return done;
}

/**
 * A kept-alive connection's second request, dispatched in the timers phase while the upstream does
 * `meanwhile` to it: that is read in the poll phase, before the request's write in the check phase.
 */
async function secondRequestWhile(meanwhile: (upstreamSide: Socket) => void): Promise<{ outcome: Outcome; connections: number }> {
  const up = await bed.rawUpstream((head, s) => s.write(okResponse(pathOf(head))));
  const p = bed.pool(up.port);
  expect(await fetchOne(p, '/one')).toMatchObject({ body: '/one' });
  await tick(20);
  const { handler, done } = collect();
  p.dispatch(get('/two'), handler);
  meanwhile(up.sockets[0]);
  return { outcome: await done, connections: up.connections() };
}

describe('H1Pool: bytes no request owns', () => {
  it('a second response in the same packet: the first is delivered, the connection is never pooled', async () => {
    const up = await bed.rawUpstream((head, s) => s.write(pathOf(head) === '/one' ? okResponse('one') + STRAY : okResponse(pathOf(head))));
    const p = bed.pool(up.port);
    expect(await fetchOne(p, '/one')).toMatchObject({ status: 200, body: 'one' });
    expect(p.idleCount).toBe(0);
    expect(await fetchOne(p, '/two')).toMatchObject({ status: 200, body: '/two' });
    expect(up.connections()).toBe(2);
  });

  it('a request dispatched from the completion callback never gets the extra response', async () => {
    const up = await bed.rawUpstream((head, s) => s.write(pathOf(head) === '/one' ? okResponse('one') + STRAY : okResponse(pathOf(head))));
    const p = bed.pool(up.port);
    const first = collect();
    const second = collect();
    const onResponseEnd = first.handler.onResponseEnd;
    first.handler.onResponseEnd = (controller, trailers) => {
      // the pool's next request, started while the stray bytes are still being parsed
      p.dispatch(get('/two'), second.handler);
      onResponseEnd(controller, trailers);
    };
    p.dispatch(get('/one'), first.handler);
    expect(await first.done).toMatchObject({ body: 'one' });
    expect(await second.done).toMatchObject({ status: 200, body: '/two' });
  });

  it('a response arriving while the connection is idle in the pool destroys it', async () => {
    const up = await bed.rawUpstream((head, s) => {
      s.write(okResponse(pathOf(head)));
      if (pathOf(head) === '/one') setTimeout(() => s.write(STRAY), 20);
    });
    const p = bed.pool(up.port);
    expect(await fetchOne(p, '/one')).toMatchObject({ body: '/one' });
    expect(p.idleCount).toBe(1);
    await tick(150);
    expect(p.idleCount).toBe(0);
    expect(await fetchOne(p, '/two')).toMatchObject({ body: '/two' });
    expect(up.connections()).toBe(2);
  });

  it('bytes between dispatch() and the deferred write: the request goes out on a fresh connection', async () => {
    const { outcome, connections } = await secondRequestWhile((s) => s.write(STRAY));
    expect(outcome).toMatchObject({ status: 200, body: '/two', connected: true });
    expect(connections).toBe(2);
  });

  it('more body bytes than Content-Length: the declared body is delivered, the connection dropped', async () => {
    const up = await bed.rawUpstream((head, s) => s.write(pathOf(head) === '/one' ? 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA' : okResponse(pathOf(head))));
    const p = bed.pool(up.port);
    expect(await fetchOne(p, '/one')).toMatchObject({ status: 200, body: 'ok' });
    expect(p.idleCount).toBe(0);
    expect(await fetchOne(p, '/two')).toMatchObject({ status: 200, body: '/two' });
  });

  it('fewer body bytes than Content-Length, then close: a socket error after the partial body', async () => {
    const up = await bed.rawUpstream((_h, s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    const p = bed.pool(up.port);
    expect(await fetchOne(p, '/')).toMatchObject({ status: 200, body: 'abc', error: { code: 'UND_ERR_SOCKET' } });
    expect(p.idleCount).toBe(0);
  });

  it('a response head over the limit fails with UND_ERR_HEADERS_OVERFLOW and destroys the connection', async () => {
    const big = 'a'.repeat(maxHeaderSize + 1);
    const up = await bed.rawUpstream((head, s) => s.write(pathOf(head) === '/big' ? okResponse('x', `X-Big: ${big}\r\n`) : okResponse('small')));
    const p = bed.pool(up.port);
    expect(await fetchOne(p, '/small')).toMatchObject({ body: 'small' });
    const o = await fetchOne(p, '/big');
    expect(o.error?.code).toBe('UND_ERR_HEADERS_OVERFLOW');
    expect(o.status).toBe(0);
    expect(p.idleCount).toBe(0);
    expect(up.connections()).toBe(1);
    // the gateway's side went away: the upstream's socket closes (the test times out otherwise)
    const upstreamSide = up.sockets[0];
    if (!upstreamSide.destroyed) await new Promise((r) => upstreamSide.once('close', r));
  });

  it('stale keep-alive: the upstream closes an idle connection as a request is dispatched; nothing sent, so it goes out on a fresh one', async () => {
    // the upstream's idle timeout closes the connection
    const { outcome, connections } = await secondRequestWhile((s) => s.destroy());
    expect(outcome).toMatchObject({ status: 200, body: '/two' });
    expect(connections).toBe(2);
  });

  it('stale keep-alive after the request was written: a clean socket error, never a hang', async () => {
    let served = 0;
    const up = await bed.rawUpstream((head: string, s: Socket) => {
      // the second request on the connection meets a close without an answer
      if (served++ === 0) s.write(okResponse(pathOf(head)));
      else s.destroy();
    });
    const p = bed.pool(up.port);
    expect(await fetchOne(p, '/one')).toMatchObject({ body: '/one' });
    expect(await fetchOne(p, '/two')).toMatchObject({ status: 0, connected: true, error: { code: 'UND_ERR_SOCKET' } });
    expect(p.idleCount).toBe(0);
  });
});
