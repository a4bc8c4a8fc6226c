import { maxHeaderSize, request, Agent, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { route, service, startUpstream, tempDir, writeSnapshotFile, type TestUpstream } from '../testing/fixtures';
import { startGatewayProcess, type GatewayProcess } from '../testing/gateway-process';
import { H1TestBed, okResponse, pathOf, trickle, type RawUpstream } from '../testing/h1-test-bed';

/**
 * The same proxy scenarios through the built gateway with either upstream client
 * (AYA_UPSTREAM_CLIENT=lean | undici): undici is also what serves every target when node's
 * internal parser is missing, so this is the fallback path too. Needs `nx run @aya/gateway:build`.
 */
const bed = new H1TestBed();
let misbehaving: RawUpstream;
let echo: TestUpstream;
let dataDir: string;

/** The body /big sends: more than every socket buffer between the upstream and the client holds. */
const BIG_BYTES = 64 * 1024 * 1024;
/** Bytes /big has handed its socket so far: they stall while the gateway holds the upstream back. */
let bigWritten = 0;
/** The upstream's side of the last /endless response (it ends only when the gateway cuts it). */
let endless: Socket | undefined;

function writeBig(s: Socket): void {
  s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${BIG_BYTES}\r\n\r\n`);
  bigWritten = 0;
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const pump = (): void => {
    while (bigWritten < BIG_BYTES && !s.destroyed) {
      bigWritten += chunk.length;
      if (!s.write(chunk)) return void s.once('drain', pump);
    }
  };
  pump();
}

function writeEndless(s: Socket): void {
  endless = s;
  s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
  const timer = setInterval(() => s.write('5\r\nchunk\r\n'), 20);
  s.once('close', () => clearInterval(timer));
}

/** Repeated names in mixed case, interleaved, then trailers: relayed exactly so by both clients. */
const FIDELITY = 'Set-Cookie: a=1\r\nX-Dup: one\r\nset-cookie: b=2\r\nX-Dup: two\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n2\r\nok\r\n0\r\nX-Sum: 5\r\n\r\n';

/** One raw upstream, misbehaving by request path. */
function answer(head: string, s: Socket): void {
  const path = pathOf(head);
  if (path === '/big') writeBig(s);
  else if (path === '/endless') writeEndless(s);
  else if (path === '/fidelity') s.write(`HTTP/1.1 200 OK\r\n${FIDELITY}`);
  else if (path === '/stray') s.write(okResponse('real') + okResponse('stray'));
  else if (path === '/long') s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA');
  else if (path === '/short') s.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
  else if (path === '/big-head') s.write(okResponse('x', `X-Big: ${'a'.repeat(maxHeaderSize + 1)}\r\n`));
  else if (path === '/trickle-head') trickle(s, ['HTTP/1.1 200 OK\r\n', ...'X-Slow: 1\r\n'.repeat(100)], 30);
  else if (path === '/idle-body') {
    s.write('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab');
    setTimeout(() => !s.destroyed && s.write('cd'), 1_500);
  } else s.write(okResponse(path));
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  trailers: NodeJS.Dict<string>;
  body: string;
  /** the whole response arrived (false: the gateway cut it) */
  complete: boolean;
}

function call(port: number, agent: Agent, method: string, path: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('error', () => {});
      res.on('close', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, trailers: res.trailers, body: text, complete: res.complete }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A GET whose response is handed over unread (paused), on its own connection. */
function open(port: number, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Waits until `value()` stops changing (the same for 5 reads 100 ms apart, 20 s at most) and returns it. */
async function settled(value: () => number): Promise<number> {
  let last = -1;
  let same = 0;
  for (let i = 0; i < 200 && same < 5; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = value();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

beforeAll(async () => {
  misbehaving = await bed.rawUpstream(answer);
  echo = await startUpstream('echo');
  dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 1, {
    services: [
      // short read timeout: trickled heads and idle bodies end quickly
      service('raw', { host: '127.0.0.1', port: misbehaving.port, readTimeoutMs: 400, retries: 0 }),
      service('echo', { host: '127.0.0.1', port: echo.port }),
    ],
    routes: [route('raw', 'raw', ['/']), route('echo', 'echo', ['/echo'])],
    upstreams: [],
  });
});

afterAll(async () => {
  await bed.close();
  await echo?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe.each(['lean', 'undici'] as const)('the gateway process with AYA_UPSTREAM_CLIENT=%s', (client) => {
  let gw: GatewayProcess;
  const agent = new Agent({ keepAlive: true });
  const get = (path: string): Promise<Reply> => call(gw.proxyPort, agent, 'GET', path);

  beforeAll(async () => {
    gw = await startGatewayProcess(dataDir, { AYA_UPSTREAM_CLIENT: client });
  }, 30_000);

  afterAll(async () => {
    agent.destroy();
    await gw?.stop();
  });

  it('proxies GET and POST bodies (length-framed and chunked)', async () => {
    const got = await get('/echo/a?b=1');
    expect(got.status).toBe(200);
    expect(JSON.parse(got.body)).toMatchObject({ name: 'echo', method: 'GET', url: '/echo/a?b=1' });
    const posted = await call(gw.proxyPort, agent, 'POST', '/echo/p', 'x'.repeat(100_000));
    expect(JSON.parse(posted.body)).toMatchObject({ method: 'POST', bytes: 100_000 });
  });

  it('a second response in the same packet never reaches a client; the next request gets its own answer', async () => {
    const before = misbehaving.connections();
    expect(await get('/stray')).toMatchObject({ status: 200, body: 'real', complete: true });
    for (let i = 0; i < 3; i++) expect(await get(`/after-stray-${i}`)).toMatchObject({ status: 200, body: `/after-stray-${i}` });
    // the condemned connection was not reused
    expect(misbehaving.connections() - before).toBe(2);
  });

  it('more body than Content-Length: the declared body, then a fresh connection', async () => {
    expect(await get('/long')).toMatchObject({ status: 200, body: 'ok', complete: true });
    expect(await get('/after-long')).toMatchObject({ status: 200, body: '/after-long' });
  });

  it('less body than Content-Length, then close: the client response is cut', async () => {
    expect(await get('/short')).toMatchObject({ status: 200, body: 'abc', complete: false });
  });

  it(`a response head over ${maxHeaderSize} bytes: 502 AYA_GW_UPSTREAM_UNAVAILABLE`, async () => {
    const r = await get('/big-head');
    expect(r.status).toBe(502);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'AYA_GW_UPSTREAM_UNAVAILABLE' } });
  });

  it('a head trickled byte by byte past readTimeoutMs: 504 AYA_GW_UPSTREAM_TIMEOUT', async () => {
    const r = await get('/trickle-head');
    expect(r.status).toBe(504);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'AYA_GW_UPSTREAM_TIMEOUT' } });
  });

  it('a body idle past readTimeoutMs: the response is cut after what arrived', async () => {
    expect(await get('/idle-body')).toMatchObject({ status: 200, body: 'ab', complete: false });
  });

  it('relays repeated headers with their casing and order as sent, and HTTP/1.1 trailers', async () => {
    const r = await get('/fidelity');
    const relayed = r.rawHeaders.filter((_v, i, all) => /^(set-cookie|x-dup)$/i.test(all[i - (i % 2)]));
    expect(relayed).toEqual(['Set-Cookie', 'a=1', 'X-Dup', 'one', 'set-cookie', 'b=2', 'X-Dup', 'two']);
    expect(r).toMatchObject({ body: 'ok', complete: true, trailers: { 'x-sum': '5' } });
  });

  it('holds the upstream back while the client does not read, then relays every byte', async () => {
    const res = await open(gw.proxyPort, '/big');
    // nothing read: the upstream's writes stall short of its body (without backpressure the gateway would take it all)
    expect(await settled(() => bigWritten)).toBeLessThan(BIG_BYTES);
    let got = 0;
    res.on('data', (c: Buffer) => (got += c.length));
    await once(res, 'end');
    expect(got).toBe(BIG_BYTES);
  });

  it('a client that leaves mid-response cuts the upstream request', async () => {
    const res = await open(gw.proxyPort, '/endless');
    await once(res, 'data');
    const upstream = endless;
    res.destroy();
    // the gateway aborts its upstream request: the upstream's connection closes
    if (upstream && !upstream.destroyed) await once(upstream, 'close');
    expect(upstream?.destroyed).toBe(true);
  });

  it(`says nothing of node internals on ${client}`, () => {
    expect(gw.log()).not.toMatch(/DeprecationWarning|DEP0199|lean upstream client unavailable/);
  });
});
