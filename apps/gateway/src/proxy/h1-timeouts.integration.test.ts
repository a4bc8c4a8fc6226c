import { afterEach, describe, expect, it } from 'vitest';
import { collect, get, H1TestBed, sendThrough, trickle, type Outcome } from '../testing/h1-test-bed';

/**
 * Headers timeout: from the request's write to the whole response head, whatever trickles in
 * meanwhile. Body timeout: idle between body chunks. Upstreams trickle on purpose.
 */
const bed = new H1TestBed();
afterEach(() => bed.close());

/** Fails instead of hanging when a request never ends (the bug these tests guard against). */
function settled(done: Promise<Outcome>, ms = 5_000): Promise<Outcome> {
  return Promise.race([done, new Promise<Outcome>((_r, reject) => setTimeout(() => reject(new Error('the request never ended')), ms).unref())]);
}

/** The response, which must have ended without an error. */
async function whole(done: Promise<Outcome>): Promise<Outcome> {
  const o = await settled(done);
  expect(o.error).toBeUndefined();
  return o;
}

describe('H1Pool timeouts', () => {
  it('a response head trickled byte by byte still times out (UND_ERR_HEADERS_TIMEOUT)', async () => {
    // 600 header bytes, one every 20 ms: ~12 s of a head that keeps the socket busy
    const up = await bed.rawUpstream((_h, s) => trickle(s, ['HTTP/1.1 200 OK\r\n', ...'X-Slow: 1\r\n'.repeat(60)], 20));
    const { handler, done } = collect();
    bed.pool(up.port).dispatch(get('/', { headersTimeout: 200, bodyTimeout: 200 }), handler);
    const o = await settled(done);
    expect(o).toMatchObject({ status: 0, error: { code: 'UND_ERR_HEADERS_TIMEOUT' } });
  });

  it('a body idle for longer than bodyTimeout is cut (UND_ERR_BODY_TIMEOUT) after what arrived', async () => {
    const up = await bed.rawUpstream((_h, s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab');
      setTimeout(() => !s.destroyed && s.write('cd'), 600);
    });
    const p = bed.pool(up.port);
    const { handler, done } = collect();
    // a long headers timeout: the body has its own
    p.dispatch(get('/', { headersTimeout: 5_000, bodyTimeout: 150 }), handler);
    expect(await settled(done)).toMatchObject({ status: 200, body: 'ab', error: { code: 'UND_ERR_BODY_TIMEOUT' } });
    expect(p.idleCount).toBe(0);
  });

  it('a body that keeps flowing is idle never, however long it takes', async () => {
    const chunks = Array.from({ length: 8 }, (_v, i) => `1\r\n${i}\r\n`);
    const up = await bed.rawUpstream((_h, s) => trickle(s, ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', ...chunks, '0\r\n\r\n'], 40));
    const { handler, done } = collect();
    bed.pool(up.port).dispatch(get('/', { headersTimeout: 5_000, bodyTimeout: 200 }), handler);
    expect(await whole(done)).toMatchObject({ status: 200, body: '01234567' });
  });

  it('the body timeout does not run while the handler holds the body back', async () => {
    const up = await bed.rawUpstream((_h, s) => {
      s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n');
      setTimeout(() => !s.destroyed && s.write('1\r\nb\r\n0\r\n\r\n'), 10);
    });
    // collect(true) holds the body 50 ms after its first chunk
    const { handler, done } = collect(true);
    bed.pool(up.port).dispatch(get('/', { headersTimeout: 5_000, bodyTimeout: 30 }), handler);
    expect(await whole(done)).toMatchObject({ status: 200, body: 'ab' });
  });

  it('the head is awaited from the end of a slowly sent request body, not its first byte', async () => {
    const up = await bed.rawUpstream((_h, s) => {
      let body = '';
      s.on('data', (d: Buffer) => {
        body += d.toString('latin1');
        if (body.endsWith('0\r\n\r\n')) s.write('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone');
      });
    });
    const p = bed.pool(up.port);
    const port = await bed.front(p, () => {}, { headersTimeout: 120 });
    // four parts 50 ms apart: 150 ms of sending, more than the headers timeout
    expect(await sendThrough(port, 'POST', ['a', 'b', 'c', 'd'])).toBe('done');
  });
});
