import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHandle } from '../gateway';
import { closedPort, route, service, startUpstream, tempDir, upstream, writeSnapshotFile, type TestUpstream } from '../testing/fixtures';
import { startOfflineGateway } from '../testing/offline-gateway';
import { httpGet } from '../testing/raw-http';

let gw: GatewayHandle;
let backup: TestUpstream;
let base: string;

/** a POST with a body, answered by whoever serves it */
function post(path: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', agent: false, headers: { 'content-type': 'text/plain' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  backup = await startUpstream('backup');
  const dead = await closedPort();
  const dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 1, {
    services: [
      service('dead', { host: '127.0.0.1', port: dead, path: '/primary' }),
      service('pool', { upstreamId: 'up' }),
      service('backup', { host: '127.0.0.1', port: backup.port, path: '/backup' }),
    ],
    routes: [
      route('to-service', 'dead', ['/svc'], { fallback: { serviceId: 'backup' } }),
      route('to-response', 'dead', ['/resp'], { fallback: { response: { status: 503, body: '{"message":"back soon"}' } } }),
      route('all-down', 'pool', ['/pool'], { fallback: { response: { status: 200, body: 'static page', contentType: 'text/html' } } }),
      route('none', 'dead', ['/none']),
    ],
    // every target of this upstream is down: its breaker opens after one failure
    upstreams: [{ ...upstream('up', [{ port: dead }]), circuitBreaker: { failureThreshold: 1, openMs: 60_000, halfOpenProbes: 1 } }],
  });
  gw = await startOfflineGateway(dataDir);
  base = `http://127.0.0.1:${gw.proxyPort}`;
});

afterAll(async () => {
  await gw?.stop();
  await backup?.close();
});

describe('route fallback', () => {
  it("a service that cannot be reached falls back to the route's fallback service, body and all", async () => {
    const res = await httpGet(`${base}/svc/items?x=1`);
    expect(res.status).toBe(200);
    const echoed = JSON.parse(res.body.toString()) as { name: string; url: string };
    // the fallback service's own path prefix replaces the primary's
    expect(echoed).toMatchObject({ name: 'backup', url: '/backup/svc/items?x=1' });
    const sent = await post('/svc/orders', 'hello');
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)).toMatchObject({ name: 'backup', method: 'POST', bytes: 5 });
  });

  it('or answers the fixed response, JSON by default when the body is JSON', async () => {
    const res = await httpGet(`${base}/resp`);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-aya-fallback']).toBe('response');
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(JSON.parse(res.body.toString())).toEqual({ message: 'back soon' });
  });

  it('also when every target is down or circuit-open (no healthy upstream)', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await httpGet(`${base}/pool`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html');
      expect(res.body.toString()).toBe('static page');
    }
  });

  it("without a fallback the gateway's own 502 stands", async () => {
    const res = await httpGet(`${base}/none`);
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body.toString()).error.code).toBe('AYA_GW_UPSTREAM_UNAVAILABLE');
  });
});
