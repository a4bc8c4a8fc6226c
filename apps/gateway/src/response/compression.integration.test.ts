import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, createBrotliDecompress, createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import type { Transform } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHandle } from '../gateway';
import { route, service, startUpstream, tempDir, writeSnapshotFile, type TestUpstream } from '../testing/fixtures';
import { startOfflineGateway } from '../testing/offline-gateway';
import { httpGet } from '../testing/raw-http';

const TEXT = 'hello compressible world. '.repeat(400); // ~10 KiB
let gw: GatewayHandle;
let up: TestUpstream;
let base: string;
let releaseStream: () => void = () => {};

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => httpGet(`${base}${path}`, headers, method);

beforeAll(async () => {
  up = await startUpstream('up', (req, res) => {
    // the /z/g and /z/off routes serve the same documents
    const url = (req.url ?? '/').replace(/^\/z\/(g|off)\//, '/z/');
    if (url.startsWith('/z/text')) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(TEXT), etag: '"v1"' });
      res.end(TEXT);
    } else if (url.startsWith('/z/chunked-json')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[');
      res.end(`${JSON.stringify(TEXT)}]}`);
    } else if (url.startsWith('/z/small')) {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 5 });
      res.end('small');
    } else if (url.startsWith('/z/png')) {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(TEXT);
    } else if (url.startsWith('/z/pre')) {
      const gz = gzipSync(TEXT);
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip', 'content-length': gz.length });
      res.end(gz);
    } else if (url.startsWith('/z/empty')) {
      res.writeHead(204);
      res.end();
    } else if (url.startsWith('/z/sse')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      // the rest only once the client decoded the first event: a gateway that held it would hang here
      new Promise<void>((r) => (releaseStream = r)).then(() => res.end('data: second\n\n'), () => {});
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  const dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 1, {
    services: [service('svc', { host: '127.0.0.1', port: up.port })],
    routes: [
      route('r-z', 'svc', ['/z'], { compression: { enabled: true } }),
      route('r-gzip-only', 'svc', ['/z/g'], { compression: { enabled: true, algorithms: ['gzip'], minBytes: 0 }}),
      route('r-off', 'svc', ['/z/off'], { compression: { enabled: false } }),
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

describe('response compression', () => {
  it('brotli: decoded by node zlib, length dropped, Vary added, ETag weakened', async () => {
    const r = await get('/z/text', { 'accept-encoding': 'gzip, deflate, br' });
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-length']).toBeUndefined();
    expect(r.headers.vary).toMatch(/accept-encoding/i);
    expect(r.headers.etag).toBe('W/"v1"');
    expect(brotliDecompressSync(r.body).toString()).toBe(TEXT);
    expect(r.body.length).toBeLessThan(TEXT.length / 5);
  });

  it('gzip when q-values prefer it, and for an unknown length', async () => {
    const r = await get('/z/chunked-json', { 'accept-encoding': 'br;q=0.5, gzip;q=0.8' });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(r.body).toString())).toEqual({ items: [TEXT] });
  });

  it('honours q=0 and identity', async () => {
    for (const ae of ['gzip;q=0, br;q=0', 'identity', 'gzip;q=0.5, identity', '']) {
      const r = await get('/z/text', ae ? { 'accept-encoding': ae } : {});
      expect(r.headers['content-encoding'], ae).toBeUndefined();
      expect(r.headers['content-length']).toBe(String(TEXT.length));
      expect(r.headers.vary).toMatch(/accept-encoding/i);
      expect(r.body.toString()).toBe(TEXT);
    }
  });

  it('uses only the route algorithms', async () => {
    const r = await get('/z/g/text', { 'accept-encoding': 'br, gzip' });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(r.body).toString()).toBe(TEXT);
  });

  it('leaves precompressed, small, non-matching, 204 and HEAD responses alone', async () => {
    const pre = await get('/z/pre', { 'accept-encoding': 'br' });
    expect(pre.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(pre.body).toString()).toBe(TEXT);
    const small = await get('/z/small', { 'accept-encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('small');
    const png = await get('/z/png', { 'accept-encoding': 'br' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers.vary).toBeUndefined();
    const empty = await get('/z/empty', { 'accept-encoding': 'br' });
    expect(empty.status).toBe(204);
    expect(empty.headers['content-encoding']).toBeUndefined();
    const head = await get('/z/text', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(head.headers['content-length']).toBe(String(TEXT.length));
  });

  it('does nothing on a route with compression disabled', async () => {
    const r = await get('/z/off/text', { 'accept-encoding': 'br' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString()).toBe(TEXT);
  });

  it.each([
    ['br', () => createBrotliDecompress()],
    ['gzip', () => createGunzip()],
  ])('%s streams: the first event arrives before the upstream sends the next', async (encoding: string, decoder: () => Transform) => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${base}/z/sse`, { headers: { 'accept-encoding': encoding }, agent: false }, (res) => {
        expect(res.headers['content-encoding']).toBe(encoding);
        let out = '';
        const d = res.pipe(decoder());
        d.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('first')) releaseStream();
        });
        d.on('end', () => resolve(out));
        d.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    expect(text).toBe('data: first\n\ndata: second\n\n');
  });
});
