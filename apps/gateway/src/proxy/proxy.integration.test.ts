import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHandle } from '../gateway';
import { DEFAULT_LIMITS } from './limits';
import { startOfflineGateway } from '../testing/offline-gateway';
import {
  closedPort,
  route,
  service,
  startUpstream,
  tempDir,
  upstream,
  writeSnapshotFile,
  type TestUpstream,
} from '../testing/fixtures';

interface Echo {
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  bytes: number;
}

const CHUNK = Buffer.alloc(64 * 1024, 'a');
const client = new Agent({ keepAliveTimeout: 1_000 });
let gw: GatewayHandle;
let base: string;
let a: TestUpstream;
let b: TestUpstream;
let slow: TestUpstream;
let stream: TestUpstream;
let firstChunkSeen: () => void = () => {};
let clientGotFirstChunk: Promise<void> = Promise.resolve();
let clientGotFirstChunkResolve: () => void = () => {};

/** node:http client: undici refuses to send custom Connection tokens, this one does. */
function rawGet(path: string, headers: Record<string, string>): Promise<{ headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return request(`${base}${path}`, { method: method as 'GET', headers, dispatcher: client });
}

beforeAll(async () => {
  a = await startUpstream('a');
  b = await startUpstream('b');
  slow = await startUpstream('slow', (req, res) => {
    req.resume();
    setTimeout(() => res.end('late'), 3_000).unref();
  });
  // Streams both ways and proves it: the first request chunk is seen before the client sends the
  // rest, and the first response chunk reaches the client before the upstream sends the rest.
  stream = await startUpstream('stream', (req, res) => {
    if (req.method === 'POST') {
      const hash = createHash('sha256');
      let bytes = 0;
      req.on('data', (c: Buffer) => {
        if (bytes === 0) firstChunkSeen();
        bytes += c.length;
        hash.update(c);
      });
      req.on('end', () => res.end(JSON.stringify({ bytes, sha256: hash.digest('hex') })));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.write(CHUNK);
    void clientGotFirstChunk.then(async () => {
      for (let i = 1; i < 256; i++) {
        if (!res.write(CHUNK)) await new Promise((r) => res.once('drain', r));
      }
      res.end();
    });
  });
  const refused = await closedPort();
  const dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 7, {
    services: [
      service('svc-a', { host: '127.0.0.1', port: a.port }),
      service('svc-strip', { host: '127.0.0.1', port: a.port, path: '/base' }),
      service('svc-rr', { upstreamId: 'up-rr' }),
      service('svc-drain', { upstreamId: 'up-drain' }),
      service('svc-retry', { upstreamId: 'up-retry', retries: 2 }),
      service('svc-noretry', { upstreamId: 'up-retry', retries: 0 }),
      service('svc-down', { host: '127.0.0.1', port: refused }),
      service('svc-slow', { host: '127.0.0.1', port: slow.port, readTimeoutMs: 300 }),
      service('svc-stream', { host: '127.0.0.1', port: stream.port }),
      service('svc-empty', { upstreamId: 'up-empty' }),
    ],
    routes: [
      route('r-a', 'svc-a', ['/a']),
      route('r-host', 'svc-strip', ['/a'], { hosts: ['api.test'], stripPath: true }),
      route('r-strip', 'svc-strip', ['/strip'], { stripPath: true }),
      route('r-keep', 'svc-strip', ['/keep']),
      route('r-rr', 'svc-rr', ['/rr']),
      route('r-drain', 'svc-drain', ['/drain']),
      route('r-retry', 'svc-retry', ['/retry']),
      route('r-noretry', 'svc-noretry', ['/noretry']),
      route('r-down', 'svc-down', ['/down']),
      route('r-slow', 'svc-slow', ['/slow']),
      route('r-stream', 'svc-stream', ['/stream']),
      route('r-empty', 'svc-empty', ['/empty']),
      route('r-post-only', 'svc-a', ['/post-only'], { methods: ['POST'] }),
    ],
    upstreams: [
      upstream('up-rr', [{ port: a.port }, { port: b.port }]),
      upstream('up-drain', [{ port: a.port, weight: 0 }, { port: b.port, weight: 10 }]),
      // the refusing target comes first so round-robin hits it on the first pick
      upstream('up-retry', [{ port: refused }, { port: b.port }]),
      upstream('up-empty', [{ port: a.port, weight: 0 }]),
    ],
  });
  // control plane on a closed port: everything below runs on the last-known-good snapshot
  gw = await startOfflineGateway(dataDir, {
    // the streaming test posts 16 MiB, over the 10 MiB default
    limits: { ...DEFAULT_LIMITS, maxBodyBytes: 64 * 1024 * 1024 },
  });
  base = `http://127.0.0.1:${gw.proxyPort}`;
});

afterAll(async () => {
  await gw?.stop();
  await client.close();
  await Promise.all([a, b, slow, stream].map((u) => u?.close()));
});

describe('gateway proxy over real sockets (last-known-good snapshot, control plane down)', () => {
  it('serves the disk snapshot and reports it on /status', async () => {
    expect(gw.current().revision).toBe(7);
    const res = await request(`http://127.0.0.1:${gw.statusPort}/status`, { dispatcher: client });
    const status = (await res.body.json()) as { revision: number; nodeId: string; hash: string };
    expect(status.revision).toBe(7);
    expect(status.nodeId).toBe(gw.nodeId);
    expect(status.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('proxies a GET with query string and the upstream Host', async () => {
    const res = await get('/a/x?q=1&r=2');
    expect(res.statusCode).toBe(200);
    const echo = (await res.body.json()) as Echo;
    expect(echo).toMatchObject({ name: 'a', method: 'GET', url: '/a/x?q=1&r=2' });
    expect(echo.headers.host).toBe(`127.0.0.1:${a.port}`);
  });

  it('strips the route prefix and prepends the service path; host routes win', async () => {
    expect(((await (await get('/strip/users?x=1')).body.json()) as Echo).url).toBe('/base/users?x=1');
    expect(((await (await get('/strip')).body.json()) as Echo).url).toBe('/base');
    expect(((await (await get('/keep/users')).body.json()) as Echo).url).toBe('/base/keep/users');
    expect(((await (await get('/a/users', { host: 'api.test' })).body.json()) as Echo).url).toBe('/base/users');
  });

  it('sets X-Forwarded-*, strips hop-by-hop headers and keeps a valid X-Request-Id', async () => {
    const res = await rawGet('/a', {
      'x-request-id': 'client-id.1',
      'x-forwarded-for': '203.0.113.1',
      connection: 'keep-alive, x-hop',
      'x-hop': 'secret',
      'proxy-authorization': 'Basic xyz',
      te: 'trailers',
      'x-custom': 'kept',
    });
    expect(res.headers['x-request-id']).toBe('client-id.1');
    const h = (JSON.parse(res.body) as Echo).headers;
    expect(h['x-request-id']).toBe('client-id.1');
    expect(h['x-forwarded-for']).toBe('203.0.113.1, 127.0.0.1');
    expect(h['x-forwarded-proto']).toBe('http');
    expect(h['x-forwarded-host']).toBe(`127.0.0.1:${gw.proxyPort}`);
    expect(h['x-custom']).toBe('kept');
    expect(h['x-hop']).toBeUndefined();
    expect(h['proxy-authorization']).toBeUndefined();
    expect(h.te).toBeUndefined();
  });

  it('generates a request id when the client has none or an invalid one', async () => {
    for (const headers of [{}, { 'x-request-id': 'bad id with spaces' }] as Record<string, string>[]) {
      const res = await get('/a', headers);
      const id = res.headers['x-request-id'] as string;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(((await res.body.json()) as Echo).headers['x-request-id']).toBe(id);
    }
  });

  it('streams a large POST body to the upstream without buffering it', async () => {
    const seen = new Promise<void>((r) => (firstChunkSeen = r));
    const total = 256;
    const body = Readable.from(
      (async function* () {
        yield CHUNK;
        await seen; // the rest is only sent once the upstream got the first chunk
        for (let i = 1; i < total; i++) yield CHUNK;
      })(),
    );
    const expected = createHash('sha256');
    for (let i = 0; i < total; i++) expected.update(CHUNK);
    const res = await request(`${base}/stream`, { method: 'POST', body, dispatcher: client });
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({ bytes: total * CHUNK.length, sha256: expected.digest('hex') });
  });

  it('streams a large response to the client without buffering it', async () => {
    clientGotFirstChunk = new Promise<void>((r) => (clientGotFirstChunkResolve = r));
    const res = await get('/stream');
    let bytes = 0;
    for await (const chunk of res.body) {
      if (bytes === 0) clientGotFirstChunkResolve();
      bytes += (chunk as Buffer).length;
    }
    expect(bytes).toBe(256 * CHUNK.length);
  });

  it('answers 404 AYA_GW_ROUTE_NOT_FOUND with the request id', async () => {
    const res = await get('/nothing-here', { 'x-request-id': 'r404' });
    expect(res.statusCode).toBe(404);
    expect(await res.body.json()).toEqual({ error: { code: 'AYA_GW_ROUTE_NOT_FOUND', message: expect.any(String), requestId: 'r404' } });
    const methodMiss = await get('/post-only');
    expect(methodMiss.statusCode).toBe(404);
    await methodMiss.body.dump();
  });

  it('answers 502 when the upstream refuses, 504 when it is too slow, 503 without usable target', async () => {
    const down = await get('/down');
    expect(down.statusCode).toBe(502);
    expect(((await down.body.json()) as { error: { code: string } }).error.code).toBe('AYA_GW_UPSTREAM_UNAVAILABLE');
    const late = await get('/slow');
    expect(late.statusCode).toBe(504);
    expect(((await late.body.json()) as { error: { code: string } }).error.code).toBe('AYA_GW_UPSTREAM_TIMEOUT');
    const empty = await get('/empty');
    expect(empty.statusCode).toBe(503);
    expect(((await empty.body.json()) as { error: { code: string } }).error.code).toBe('AYA_GW_NO_HEALTHY_UPSTREAM');
  });

  it('never leaks upstream internals in error bodies', async () => {
    const text = await (await get('/down')).body.text();
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });

  it('retries a refused connection on another target (POST body intact)', async () => {
    const before = b.hits;
    for (let i = 0; i < 4; i++) {
      const res = await request(`${base}/retry`, { method: 'POST', body: 'x'.repeat(1000), dispatcher: client });
      expect(res.statusCode).toBe(200);
      expect(await res.body.json()).toMatchObject({ name: 'b', bytes: 1000 });
    }
    expect(b.hits - before).toBe(4);
    // retries: 0 still fails a connection that never opened over to the other target (nothing was sent)
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await get('/noretry');
      codes.push(res.statusCode);
      await res.body.dump();
    }
    expect(codes).toEqual([200, 200, 200, 200]);
  });

  it('round-robins over two upstream servers', async () => {
    const names: string[] = [];
    for (let i = 0; i < 10; i++) names.push(((await (await get('/rr')).body.json()) as Echo).name);
    expect(names.filter((n) => n === 'a')).toHaveLength(5);
    expect(names.filter((n) => n === 'b')).toHaveLength(5);
    expect(names[0]).not.toBe(names[1]);
  });

  it('never sends new requests to a drained (weight 0) target', async () => {
    for (let i = 0; i < 10; i++) expect(((await (await get('/drain')).body.json()) as Echo).name).toBe('b');
  });

  it('exports Prometheus metrics', async () => {
    const text = await (await request(`http://127.0.0.1:${gw.statusPort}/metrics`, { dispatcher: client })).body.text();
    expect(text).toMatch(/aya_gateway_requests_total\{class="2xx"\} [1-9]/);
    expect(text).toMatch(/aya_gateway_requests_total\{class="4xx"\} [1-9]/);
    expect(text).toContain('aya_gateway_config_revision 7');
  });
});
