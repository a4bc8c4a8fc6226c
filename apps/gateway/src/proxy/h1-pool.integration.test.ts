import { createServer as createHttpServer } from 'node:http';
import type { Dispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, get, H1TestBed, sendThrough, type Outcome } from '../testing/h1-test-bed';
import { UpstreamError } from './h1-errors';
import type { H1Pool } from './h1-pool';

const bed = new H1TestBed();
afterEach(() => bed.close());
const pool = bed.pool.bind(bed);
const listen = bed.listen.bind(bed);
const rawUpstream = bed.rawUpstream.bind(bed);
const front = (p: H1Pool, onOutcome: (o: Outcome) => void): Promise<number> => bed.front(p, onOutcome);
const send = sendThrough;

describe('H1Pool (lean HTTP/1.1 upstream client)', () => {
  it('sends host, headers and path; reuses one keep-alive connection', async () => {
    const seen: string[] = [];
    const up = await rawUpstream((head, s) => {
      seen.push(head);
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Up: 1\r\n\r\nok');
    });
    const p = pool(up.port);
    for (let i = 0; i < 3; i++) {
      const { handler, done } = collect();
      p.dispatch(get(`/a?i=${i}`), handler);
      const o = await done;
      expect(o).toMatchObject({ status: 200, body: 'ok', connected: true, requestSent: true });
      expect(o.headers).toEqual(['Content-Length', '2', 'X-Up', '1']);
    }
    expect(up.connections()).toBe(1);
    expect(seen[2]).toBe(`GET /a?i=2 HTTP/1.1\r\nconnection: keep-alive\r\nx-test: yes\r\nhost: 127.0.0.1:${up.port}`);
    const own = collect();
    p.dispatch(get('/own', { headers: ['Host', 'api.example'] }), own.handler);
    await own.done;
    expect(seen[3]).toBe('GET /own HTTP/1.1\r\nconnection: keep-alive\r\nHost: api.example');
    expect(p.idleCount).toBe(1);
  });

  it('reads chunked and close-delimited bodies; a close-delimited answer is not reused', async () => {
    const up = await rawUpstream((head, s) => {
      if (head.startsWith('GET /chunked')) s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\nX-Sum: 5\r\n\r\n');
      else s.end('HTTP/1.1 200 OK\r\n\r\nuntil-close');
    });
    const p = pool(up.port);
    const a = collect();
    p.dispatch(get('/chunked'), a.handler);
    expect(await a.done).toMatchObject({ status: 200, body: 'abcde', trailers: ['X-Sum', '5'] });
    // same connection: the trailers of the previous answer do not leak into the next head
    const a2 = collect();
    p.dispatch(get('/chunked'), a2.handler);
    expect(await a2.done).toMatchObject({ headers: ['Transfer-Encoding', 'chunked'], trailers: ['X-Sum', '5'] });
    expect(up.connections()).toBe(1);
    const b = collect();
    p.dispatch(get('/close'), b.handler);
    expect(await b.done).toMatchObject({ status: 200, body: 'until-close', trailers: undefined });
    expect(p.idleCount).toBe(0);
    const c = collect();
    p.dispatch(get('/chunked'), c.handler);
    expect(await c.done).toMatchObject({ body: 'abcde', headers: ['Transfer-Encoding', 'chunked'] });
    expect(up.connections()).toBe(2);
  });

  it('HEAD, 204 and 304 have no body even when a length is announced', async () => {
    const up = await rawUpstream((head, s) => {
      if (head.startsWith('HEAD')) s.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n');
      else if (head.startsWith('GET /204')) s.write('HTTP/1.1 204 No Content\r\n\r\n');
      else s.write('HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n');
    });
    const p = pool(up.port);
    for (const [opts, status] of [[get('/', { method: 'HEAD' }), 200], [get('/204'), 204], [get('/304'), 304]] as const) {
      const { handler, done } = collect();
      p.dispatch(opts, handler);
      expect(await done).toMatchObject({ status, body: '' });
    }
    expect(up.connections()).toBe(1);
  });

  it('skips 1xx heads and relays the final answer', async () => {
    const up = await rawUpstream((_h, s) => s.write('HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx'));
    const { handler, done } = collect();
    pool(up.port).dispatch(get('/'), handler);
    expect(await done).toMatchObject({ status: 200, body: 'x' });
  });

  it('streams request bodies: Content-Length as is, chunked re-framed', async () => {
    const bodies: string[] = [];
    const up = await listen(
      createHttpServer((req, res) => {
        let text = '';
        req.on('data', (c: Buffer) => (text += c.toString()));
        req.on('end', () => {
          bodies.push(`${req.headers['content-length'] ?? ''}|${req.headers['transfer-encoding'] ?? ''}|${text}`);
          res.end('got');
        });
      }),
    );
    const p = pool(up);
    const outcomes: Outcome[] = [];
    const port = await front(p, (o) => outcomes.push(o));
    expect(await send(port, 'POST', 'hello', { 'content-length': '5' })).toBe('got');
    expect(await send(port, 'POST', ['chunk-1 ', 'chunk-2'])).toBe('got');
    expect(bodies).toEqual(['5||hello', '|chunked|chunk-1 chunk-2']);
    expect(outcomes.every((o) => o.requestSent)).toBe(true);
  });

  it('an answer before the whole body: the connection is not reused and the client body is drained', async () => {
    const up = await rawUpstream((_h, s) => s.write('HTTP/1.1 413 Too Large\r\nContent-Length: 0\r\n\r\n'));
    const p = pool(up.port);
    const port = await front(p, () => {});
    const big = 'x'.repeat(256 * 1024);
    expect(await send(port, 'POST', [big, big], { 'content-length': String(big.length * 2) })).toBe('');
    expect(p.idleCount).toBe(0);
  });

  it('relays backpressure: controller.pause() holds the body until resume()', async () => {
    const up = await rawUpstream((_h, s) => {
      s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n');
      setTimeout(() => s.write('1\r\nb\r\n0\r\n\r\n'), 10);
    });
    const { handler, done } = collect(true);
    pool(up.port).dispatch(get('/'), handler);
    expect((await done).body).toBe('ab');
  });

  it('errors carry the codes the proxy classifies: refused, headers timeout, cut, bad response, bad header', async () => {
    const closed = await bed.closedPort();
    const refused = collect();
    pool(closed).dispatch(get('/'), refused.handler);
    expect(await refused.done).toMatchObject({ connected: false, error: { code: 'ECONNREFUSED' } });

    const silent = await rawUpstream(() => {});
    const slow = collect();
    pool(silent.port).dispatch(get('/', { headersTimeout: 100 }), slow.handler);
    expect((await slow.done).error?.code).toBe('UND_ERR_HEADERS_TIMEOUT');

    const cutter = await rawUpstream((_h, s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
      setTimeout(() => s.destroy(), 10);
    });
    const cut = collect();
    pool(cutter.port).dispatch(get('/'), cut.handler);
    expect(await cut.done).toMatchObject({ status: 200, body: 'abc', error: { code: 'UND_ERR_SOCKET' } });

    const garbage = await rawUpstream((_h, s) => s.write('NOT HTTP AT ALL\r\n\r\n'));
    const bad = collect();
    pool(garbage.port).dispatch(get('/'), bad.handler);
    expect((await bad.done).error?.code).toBe('UND_ERR_SOCKET');

    const ok = await rawUpstream((_h, s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    // undici's header value rule: a split, another control character, a code point latin1 lacks
    for (const value of ['v\r\nx-evil: 1', 'v\x01', 'v\u0100']) {
      const injected = collect();
      pool(ok.port).dispatch(get('/', { headers: ['x-a', value] }), injected.handler);
      expect((await injected.done).error?.code).toBe('UND_ERR_INVALID_ARG');
    }
    const latin1 = collect();
    pool(ok.port).dispatch(get('/', { headers: ['x-a', 'caf\u00e9\tok'] }), latin1.handler);
    expect((await latin1.done).status).toBe(200);
    const badPath = collect();
    pool(ok.port).dispatch(get('/a b'), badPath.handler);
    expect((await badPath.done).error?.code).toBe('UND_ERR_INVALID_ARG');
  });

  it('a handler that throws ends its request with that error and the connection', async () => {
    const up = await rawUpstream((_h, s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    const p = pool(up.port);
    const { handler, done } = collect();
    handler.onResponseStart = () => {
      throw new Error('transform failed');
    };
    p.dispatch(get('/'), handler);
    expect((await done).error?.message).toBe('transform failed');
    expect(p.idleCount).toBe(0);
  });

  it('an abort before anything was written keeps the connection; one after cuts it', async () => {
    const up = await rawUpstream((head, s) => {
      if (!head.startsWith('GET /hang')) s.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    });
    const p = pool(up.port);
    const warm = collect();
    p.dispatch(get('/'), warm.handler);
    await warm.done;
    const early = collect();
    early.handler.onRequestStart = (controller) => controller.abort(new Error('client gone'));
    p.dispatch(get('/'), early.handler);
    expect((await early.done).error?.message).toBe('client gone');
    expect(p.idleCount).toBe(1);
    let started: Dispatcher.DispatchController | undefined;
    const late = collect();
    late.handler.onRequestStart = (controller) => void (started = controller);
    late.handler.onRequestSent = () => setTimeout(() => started?.abort(new UpstreamError('UND_ERR_ABORTED', 'request aborted')), 20);
    p.dispatch(get('/hang'), late.handler);
    expect((await late.done).error?.code).toBe('UND_ERR_ABORTED');
    expect(p.idleCount).toBe(0);
    expect(up.connections()).toBe(1);
  });

  it("honours the upstream's Keep-Alive timeout hint as undici does (2 s below it)", async () => {
    const up = await rawUpstream((head, s) => {
      const hint = /GET \/(\d+)/.exec(head)?.[1] ?? '';
      s.write(`HTTP/1.1 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=${hint}\r\n\r\nok`);
    });
    const p = pool(up.port);
    const fetch = async (path: string): Promise<void> => {
      const { handler, done } = collect();
      p.dispatch(get(path), handler);
      expect((await done).body).toBe('ok');
    };
    // timeout=2: nothing left after the margin, the connection is not kept
    await fetch('/2');
    expect(p.idleCount).toBe(0);
    // timeout=5: kept 3 s (the pool's own 4 s is longer)
    await fetch('/5');
    await fetch('/5');
    expect(up.connections()).toBe(2);
    // timeout=3: kept 1 s; after 1.2 s idle it is not reused
    await fetch('/3');
    await new Promise((r) => setTimeout(r, 1_200));
    await fetch('/5');
    expect(up.connections()).toBe(3);
  });

  it('drops idle connections after the keep-alive timeout; close() waits for running requests', async () => {
    const up = await rawUpstream((head, s) => {
      const delay = head.startsWith('GET /slow') ? 100 : 0;
      setTimeout(() => s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'), delay);
    });
    const p = pool(up.port, 150);
    const first = collect();
    p.dispatch(get('/'), first.handler);
    await first.done;
    await new Promise((r) => setTimeout(r, 400));
    expect(p.idleCount).toBe(0);
    const slow = collect();
    p.dispatch(get('/slow'), slow.handler);
    let closed = false;
    const closing = p.close().then(() => (closed = true));
    expect(closed).toBe(false);
    expect((await slow.done).body).toBe('ok');
    await closing;
    const after = collect();
    p.dispatch(get('/'), after.handler);
    expect((await after.done).error?.code).toBe('UND_ERR_CLOSED');
  });
});
