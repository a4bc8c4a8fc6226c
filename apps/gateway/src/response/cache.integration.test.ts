import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHandle } from '../gateway';
import { route, service, startUpstream, tempDir, writeSnapshotFile, type TestUpstream } from '../testing/fixtures';
import { startOfflineGateway } from '../testing/offline-gateway';
import { httpGet } from '../testing/raw-http';
import { configureResponseCache, type ResponseCache } from './response-cache';

let gw: GatewayHandle;
let up: TestUpstream;
let base: string;
let clock = 1_000_000;
let cache: ResponseCache;
/** upstream hits per path */
const hits = new Map<string, number>();
const TEXT = 'cache me and compress me. '.repeat(400);

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => httpGet(`${base}${path}`, headers, method);

const RESPONSES: Record<string, Record<string, string>> = {
  '/c/nostore': { 'cache-control': 'no-store' },
  '/c/private': { 'cache-control': 'private, max-age=60' },
  '/c/nocache': { 'cache-control': 'no-cache' },
  '/c/cookie': { 'set-cookie': 'sid=1' },
  '/c/maxage': { 'cache-control': 'max-age=2' },
  '/c/vary': { vary: 'X-Lang' },
  '/c/etag': { etag: '"e1"', 'last-modified': 'Tue, 24 Nov 2026 10:00:00 GMT', 'cache-control': 'max-age=60' },
};

beforeAll(async () => {
  cache = configureResponseCache({ maxBytes: 24 * 1024, now: () => clock });
  up = await startUpstream('up', (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const n = (hits.get(req.url ?? '') ?? 0) + 1;
    hits.set(req.url ?? '', n);
    if (path === '/c/text') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(TEXT);
      return;
    }
    if (path === '/c/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(Buffer.alloc(3000, 1));
      res.end(Buffer.alloc(3000, 2));
      return;
    }
    const body = `${path} #${n} ${String(req.headers['x-lang'] ?? '')} ${path.startsWith('/c/lru') ? 'x'.repeat(1500) : ''}`;
    res.writeHead(path === '/c/missing' ? 404 : path === '/c/error' ? 500 : 200, { 'content-type': 'application/octet-stream', ...RESPONSES[path] });
    res.end(body);
  });
  const dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 1, {
    services: [service('svc', { host: '127.0.0.1', port: up.port })],
    routes: [
      route('r-c', 'svc', ['/c'], { cache: { ttlSeconds: 60, maxEntryBytes: 4096 }, compression: { enabled: true } }),
      route('r-get-only', 'svc', ['/c/getonly'], { cache: { ttlSeconds: 60, methods: ['GET'], varyHeaders: ['X-Tenant'] } }),
    ],
    upstreams: [],
  });
  gw = await startOfflineGateway(dataDir);
  base = `http://127.0.0.1:${gw.proxyPort}`;
});

afterAll(async () => {
  await gw?.stop();
  await up?.close();
});

describe('response cache', () => {
  it('MISS then HIT with the upstream hit once; Age grows; HEAD is answered from the GET entry', async () => {
    const a = await get('/c/plain?x=1');
    expect(a.headers['x-cache']).toBe('MISS');
    clock += 5_000;
    const b = await get('/c/plain?x=1');
    expect(b.headers['x-cache']).toBe('HIT');
    expect(b.headers.age).toBe('5');
    expect(b.headers['x-request-id']).not.toBe(a.headers['x-request-id']);
    expect(b.body.toString()).toBe(a.body.toString());
    const head = await get('/c/plain?x=1', {}, 'HEAD');
    expect(head.headers['x-cache']).toBe('HIT');
    expect(head.headers['content-length']).toBe(String(a.body.length));
    expect(head.body.length).toBe(0);
    expect(hits.get('/c/plain?x=1')).toBe(1);
    // the query is part of the key
    expect((await get('/c/plain?x=2')).headers['x-cache']).toBe('MISS');
  });

  it('expires at the upstream max-age when it is shorter than the route TTL', async () => {
    await get('/c/maxage');
    clock += 1_000;
    expect((await get('/c/maxage')).headers['x-cache']).toBe('HIT');
    clock += 1_100;
    expect((await get('/c/maxage')).headers['x-cache']).toBe('MISS');
    expect(hits.get('/c/maxage')).toBe(2);
  });

  it('expires at the route TTL', async () => {
    await get('/c/ttl');
    clock += 61_000;
    expect((await get('/c/ttl')).headers['x-cache']).toBe('MISS');
    expect(hits.get('/c/ttl')).toBe(2);
  });

  it.each(['/c/nostore', '/c/private', '/c/nocache', '/c/cookie', '/c/error'])('does not store %s', async (path) => {
    expect((await get(path)).headers['x-cache']).toBe('BYPASS');
    expect((await get(path)).headers['x-cache']).toBe('BYPASS');
    expect(hits.get(path)).toBe(2);
  });

  it('stores a 404', async () => {
    await get('/c/missing');
    const again = await get('/c/missing');
    expect(again.status).toBe(404);
    expect(again.headers['x-cache']).toBe('HIT');
  });

  it('a request with Cache-Control: no-cache goes upstream and refreshes the entry', async () => {
    await get('/c/refresh');
    const fresh = await get('/c/refresh', { 'cache-control': 'no-cache' });
    expect(fresh.body.toString()).toContain('#2');
    const hit = await get('/c/refresh');
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.body.toString()).toContain('#2');
  });

  it("respects the upstream's Vary and the route's varyHeaders", async () => {
    const en = await get('/c/vary', { 'x-lang': 'en' });
    const fr = await get('/c/vary', { 'x-lang': 'fr' });
    expect(fr.headers['x-cache']).toBe('MISS');
    expect((await get('/c/vary', { 'x-lang': 'en' })).body.toString()).toBe(en.body.toString());
    expect((await get('/c/vary', { 'x-lang': 'fr' })).body.toString()).toBe(fr.body.toString());
    expect(hits.get('/c/vary')).toBe(2);
    await get('/c/getonly', { 'x-tenant': 'a' });
    expect((await get('/c/getonly', { 'x-tenant': 'b' })).headers['x-cache']).toBe('MISS');
    expect((await get('/c/getonly', { 'x-tenant': 'a' })).headers['x-cache']).toBe('HIT');
  });

  it('BYPASS for methods the route does not cache', async () => {
    expect((await get('/c/getonly', {}, 'HEAD')).headers['x-cache']).toBe('BYPASS');
    expect((await get('/c/plain', {}, 'POST')).headers['x-cache']).toBe('BYPASS');
  });

  it('streams but does not store a body over maxEntryBytes', async () => {
    const a = await get('/c/big');
    expect(a.body.length).toBe(6000);
    expect((await get('/c/big')).headers['x-cache']).toBe('MISS');
    expect(hits.get('/c/big')).toBe(2);
  });

  it('stores the compressed variant per negotiated coding', async () => {
    await get('/c/text', { 'accept-encoding': 'br' });
    const br = await get('/c/text', { 'accept-encoding': 'br' });
    expect(br.headers['x-cache']).toBe('HIT');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(TEXT);
    const plain = await get('/c/text');
    expect(plain.headers['x-cache']).toBe('MISS');
    expect(plain.body.toString()).toBe(TEXT);
    expect(hits.get('/c/text')).toBe(2);
  });

  it('stays within its byte bound, evicting the least recently used', async () => {
    for (let i = 0; i < 30; i++) await get(`/c/lru/${i}`);
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
    expect((await get('/c/lru/29')).headers['x-cache']).toBe('HIT');
    expect((await get('/c/lru/0')).headers['x-cache']).toBe('MISS');
    expect(hits.get('/c/lru/0')).toBe(2);
  });

  it('answers conditional requests from a stored entry with 304 and its validators, no body, no upstream hit', async () => {
    expect((await get('/c/etag')).headers['x-cache']).toBe('MISS');
    const byTag = await get('/c/etag', { 'if-none-match': 'W/"e1"' });
    expect(byTag.status).toBe(304);
    expect(byTag.headers).toMatchObject({ etag: '"e1"', 'cache-control': 'max-age=60', 'x-cache': 'HIT' });
    expect(byTag.headers).not.toHaveProperty('content-type');
    expect(byTag.body.length).toBe(0);
    const byDate = await get('/c/etag', { 'if-modified-since': 'Wed, 25 Nov 2026 10:00:00 GMT' });
    expect(byDate.status).toBe(304);
    // another tag: the whole stored response
    const changed = await get('/c/etag', { 'if-none-match': '"e0"' });
    expect(changed.status).toBe(200);
    expect(changed.body.toString()).toContain('/c/etag #1');
    expect(hits.get('/c/etag')).toBe(1);
  });
});
