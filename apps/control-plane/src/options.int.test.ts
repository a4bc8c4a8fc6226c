import { configResponseSchema, type Snapshot } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../test/harness';

// The contract's optional fields: stored in each resource's `options`, returned at the top level, in the snapshot.
let cp: ControlPlane;
let api: ReturnType<typeof apiClient>;
const base = '/api/v1/tenants/default';

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  api = apiClient(cp.url, cp.adminToken);
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

const snapshot = async (): Promise<Snapshot> => {
  const res = await apiClient(cp.url, cp.clusterToken)('GET', '/internal/v1/config');
  const cfg = configResponseSchema.parse(res.body);
  expect(snapshotHash(cfg.snapshot)).toBe(cfg.hash);
  return cfg.snapshot;
};

const upstreamOptions = {
  hashOn: { type: 'header', name: 'x-user' },
  healthChecks: {
    active: { type: 'http', path: '/healthz', method: 'GET', expectedStatuses: [200], intervalMs: 1000, timeoutMs: 500, healthyThreshold: 2, unhealthyThreshold: 3 },
    passive: { unhealthyThreshold: 5, unhealthyStatuses: [502], cooldownMs: 1000 },
  },
  circuitBreaker: { failureThreshold: 4, openMs: 2000, halfOpenProbes: 1 },
};
const serviceOptions = { sendTimeoutMs: 1234, totalTimeoutMs: 9000, retryBudget: { ratio: 0.5, windowMs: 5000, minRetries: 2 }, protocol: 'grpc', tlsVerify: false, tlsServerName: 'api.internal' };
const routeOptions = {
  priority: 7,
  headers: { 'x-version': ['v2'] },
  query: { beta: true },
  sticky: { cookie: 'aya_s', ttlSeconds: 60 },
  rewrite: { regex: '^/old/(.*)$', replacement: '/new/$1' },
  requestHeaders: { set: { 'x-a': '1' }, remove: ['x-b'] },
  responseHeaders: { add: { 'x-c': '2' } },
  compression: { enabled: true, minBytes: 10 },
  cache: { ttlSeconds: 30, methods: ['GET'] },
};

describe('optional contract fields', () => {
  it('round-trips every field on create, lists and gets; the snapshot carries them', async () => {
    const up = await api('POST', `${base}/upstreams`, { name: 'opt-pool', algorithm: 'consistent-hash', targets: [{ target: '127.0.0.1:9001' }], ...upstreamOptions });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject(upstreamOptions);
    const svc = await api('POST', `${base}/services`, { name: 'opt-svc', url: 'upstream://opt-pool', ...serviceOptions });
    expect(svc.status).toBe(201);
    expect(svc.body).toMatchObject(serviceOptions);
    const alt = await api('POST', `${base}/services`, { name: 'opt-alt', url: 'http://127.0.0.1:9002' });
    const route = await api('POST', `${base}/routes`, {
      name: 'opt-route',
      service: 'opt-svc',
      paths: ['/opt'],
      ...routeOptions,
      split: { services: [{ service: 'opt-svc', weight: 90 }, { service: alt.body.id, weight: 10 }], match: [{ header: 'x-canary', value: '1', service: 'opt-alt' }] },
    });
    expect(route.status).toBe(201);
    // split services come back by name whatever they were given as
    const split = { services: [{ service: 'opt-svc', weight: 90 }, { service: 'opt-alt', weight: 10 }], match: [{ header: 'x-canary', value: '1', service: 'opt-alt' }] };
    expect(route.body).toMatchObject({ ...routeOptions, split });
    expect((await api('GET', `${base}/routes/opt-route`)).body).toMatchObject({ ...routeOptions, split });
    expect((await api('GET', `${base}/services`)).body.data.find((s: { name: string }) => s.name === 'opt-svc')).toMatchObject(serviceOptions);
    expect((await api('GET', `${base}/upstreams/opt-pool`)).body).toMatchObject(upstreamOptions);

    const snap = await snapshot();
    expect(snap.upstreams.find((u) => u.name === 'opt-pool')).toMatchObject(upstreamOptions);
    const { protocol, ...svcRest } = serviceOptions;
    expect(snap.services.find((s) => s.name === 'opt-svc')).toMatchObject({ ...svcRest, protocol, upstreamId: up.body.id });
    expect(snap.routes.find((r) => r.name === 'opt-route')).toMatchObject({
      ...routeOptions,
      split: { services: [{ serviceId: svc.body.id, weight: 90 }, { serviceId: alt.body.id, weight: 10 }], match: [{ header: 'x-canary', value: '1', serviceId: alt.body.id }] },
    });
    // a service used by a split cannot go, and a rename shows through the split
    const del = await api('DELETE', `${base}/services/opt-alt`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toContain('opt-route');
    await api('PATCH', `${base}/services/opt-alt`, { name: 'opt-alt2' });
    expect((await api('GET', `${base}/routes/opt-route`)).body.split.match[0].service).toBe('opt-alt2');
  });

  it('PATCH merges options, null clears one; PUT replaces them all', async () => {
    const patched = await api('PATCH', `${base}/services/opt-svc`, { sendTimeoutMs: 55, tlsServerName: null, retryBudget: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ sendTimeoutMs: 55, totalTimeoutMs: 9000, tlsVerify: false });
    expect(patched.body).not.toHaveProperty('tlsServerName');
    expect(patched.body).not.toHaveProperty('retryBudget');
    const up = await api('PATCH', `${base}/upstreams/opt-pool`, { circuitBreaker: null });
    expect(up.body).not.toHaveProperty('circuitBreaker');
    expect(up.body.hashOn).toEqual(upstreamOptions.hashOn);
    const route = await api('PATCH', `${base}/routes/opt-route`, { priority: 3, split: null, cache: null });
    expect(route.body).toMatchObject({ priority: 3, sticky: routeOptions.sticky });
    expect(route.body).not.toHaveProperty('split');
    expect(route.body).not.toHaveProperty('cache');
    expect((await api('DELETE', `${base}/services/opt-alt2`)).status).toBe(204);

    const snap = await snapshot();
    const svc = snap.services.find((s) => s.name === 'opt-svc');
    expect(svc).toMatchObject({ sendTimeoutMs: 55 });
    expect(svc).not.toHaveProperty('tlsServerName');
    expect(snap.routes.find((r) => r.name === 'opt-route')).not.toHaveProperty('split');

    const put = await api('PUT', `${base}/services/opt-svc`, { name: 'opt-svc', url: 'upstream://opt-pool' });
    expect(Object.keys(put.body).sort()).toEqual(['connectTimeoutMs', 'createdAt', 'id', 'name', 'readTimeoutMs', 'retries', 'updatedAt', 'url']);
  });

  it('answers 400 with field paths for invalid values', async () => {
    const bad = await api('POST', `${base}/routes`, {
      name: 'bad',
      service: 'opt-svc',
      paths: ['/bad'],
      priority: 1.5,
      redirect: { status: 303, location: '/x' },
      split: { services: [{ service: 'nope', weight: 1 }] },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['priority', 'redirect.status']));
    const unknownSplit = await api('POST', `${base}/routes`, { name: 'bad', service: 'opt-svc', paths: ['/bad'], split: { services: [{ service: 'nope', weight: 1 }] } });
    expect(unknownSplit.status).toBe(400);
    expect(unknownSplit.body.error.details).toEqual([{ path: 'split.services.0.service', message: expect.any(String) }]);
    const svc = await api('PATCH', `${base}/services/opt-svc`, { retryBudget: { ratio: 2 }, sendTimeoutMs: 0 });
    expect(svc.status).toBe(400);
    expect(svc.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['retryBudget.ratio', 'sendTimeoutMs']));
    const proto = await api('POST', `${base}/services`, { name: 'p', url: 'http://127.0.0.1:1', protocol: 'grpcs' });
    expect(proto.body.error.details).toEqual([{ path: 'protocol', message: expect.any(String) }]);
    const up = await api('PATCH', `${base}/upstreams/opt-pool`, { hashOn: { type: 'header' } });
    expect(up.status).toBe(400);
    expect(up.body.error.details[0].path).toMatch(/^hashOn/);
    const cert = await api('POST', `${base}/services`, { name: 'c', url: 'https://127.0.0.1:1', clientCertificateId: '00000000-0000-4000-8000-000000000000' });
    expect(cert.body.error.details).toEqual([{ path: 'clientCertificateId', message: expect.any(String) }]);
  });

  it('route collisions consider priority and predicates', async () => {
    await api('POST', `${base}/services`, { name: 'col-svc', url: 'http://127.0.0.1:9003' });
    const r = (name: string, extra: object) => api('POST', `${base}/routes`, { name, service: 'col-svc', paths: ['/col'], methods: ['GET'], hosts: ['c.test'], ...extra });
    expect((await r('c1', {})).status).toBe(201);
    expect((await r('c2', { headers: { 'x-version': ['v2'] } })).status).toBe(201);
    expect((await r('c3', { headers: { 'X-Version': ['v2'] } })).status).toBe(409);
    expect((await r('c3', { headers: { 'x-version': ['v3'] } })).status).toBe(201);
    expect((await r('c4', { priority: 5 })).status).toBe(201);
    expect((await r('c5', { priority: 0 })).status).toBe(409);
    expect((await api('PATCH', `${base}/routes/c4`, { priority: null })).status).toBe(409);
  });
});

describe('route fallback', () => {
  it('stores a fallback service by id, shows its name, guards it from deletion; a response passes through', async () => {
    await api('POST', `${base}/services`, { name: 'fb-main', url: 'http://127.0.0.1:9004' });
    const backup = await api('POST', `${base}/services`, { name: 'fb-backup', url: 'http://127.0.0.1:9005' });
    const route = await api('POST', `${base}/routes`, { name: 'fb-route', service: 'fb-main', paths: ['/fb'], fallback: { service: 'fb-backup' } });
    expect(route.status).toBe(201);
    expect(route.body.fallback).toEqual({ service: 'fb-backup' });
    expect((await snapshot()).routes.find((r) => r.name === 'fb-route')?.fallback).toEqual({ serviceId: backup.body.id });
    expect((await api('DELETE', `${base}/services/fb-backup`)).status).toBe(409);
    await api('PATCH', `${base}/services/fb-backup`, { name: 'fb-backup2' });
    expect((await api('GET', `${base}/routes/fb-route`)).body.fallback).toEqual({ service: 'fb-backup2' });

    const response = { status: 503, body: '{"message":"back soon"}', contentType: 'application/json' };
    expect((await api('PATCH', `${base}/routes/fb-route`, { fallback: { response } })).body.fallback).toEqual({ response });
    expect((await snapshot()).routes.find((r) => r.name === 'fb-route')?.fallback).toEqual({ response });
    expect((await api('DELETE', `${base}/services/fb-backup2`)).status).toBe(204);
    const cleared = await api('PATCH', `${base}/routes/fb-route`, { fallback: null });
    expect(cleared.body).not.toHaveProperty('fallback');
    expect((await snapshot()).routes.find((r) => r.name === 'fb-route')).not.toHaveProperty('fallback');
  });

  it("refuses an unknown fallback service, or the route's own", async () => {
    const unknown = await api('POST', `${base}/routes`, { name: 'fb-bad', service: 'fb-main', paths: ['/fb-bad'], fallback: { service: 'nope' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'fallback.service', message: expect.any(String) }]);
    const own = await api('POST', `${base}/routes`, { name: 'fb-bad', service: 'fb-main', paths: ['/fb-bad'], fallback: { service: 'fb-main' } });
    expect(own.body.error.details).toEqual([{ path: 'fallback.service', message: expect.any(String) }]);
    const both = await api('POST', `${base}/routes`, { name: 'fb-bad', service: 'fb-main', paths: ['/fb-bad'], fallback: { service: 'fb-main', response: { status: 503 } } });
    expect(both.status).toBe(400);
  });
});

describe('upstream health', () => {
  it('aggregates the last heartbeat of every fresh node, worst state first', async () => {
    const up = (await api('POST', `${base}/upstreams`, { name: 'h-pool', targets: [{ target: '10.0.0.1:80' }, { target: '10.0.0.2:80' }] })).body;
    const h = (target: string, state: string, upstreamId = up.id) => ({
      upstreamId,
      target,
      state,
      consecutiveFailures: state === 'healthy' ? 0 : 4,
      active: 2,
      latencyMs: 12.5,
      since: '2026-01-01T00:00:00.000Z',
    });
    const beat = (nodeId: string, health: unknown[]) =>
      apiClient(cp.url, cp.clusterToken)('POST', '/internal/v1/nodes/heartbeat', { nodeId, hostname: 'gw', revision: 0, hash: 'x', version: '0.1.0', health });
    expect((await beat('gw-a', [h('10.0.0.1:80', 'healthy'), h('10.0.0.2:80', 'open'), h('9.9.9.9:1', 'unhealthy', 'other')])).status).toBe(204);
    expect((await beat('gw-b', [h('10.0.0.1:80', 'half-open'), h('10.0.0.2:80', 'healthy')])).status).toBe(204);
    expect((await beat('gw-old', [])).status).toBe(204);

    const res = await api('GET', `${base}/upstreams/h-pool/health`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((t: { target: string; state: string }) => [t.target, t.state])).toEqual([
      ['10.0.0.1:80', 'half-open'],
      ['10.0.0.2:80', 'open'],
    ]);
    expect(res.body.data[0].nodes).toEqual([
      { nodeId: 'gw-a', state: 'healthy', consecutiveFailures: 0, active: 2, latencyMs: 12.5, since: '2026-01-01T00:00:00.000Z', lastSeenAt: expect.any(String) },
      { nodeId: 'gw-b', state: 'half-open', consecutiveFailures: 4, active: 2, latencyMs: 12.5, since: '2026-01-01T00:00:00.000Z', lastSeenAt: expect.any(String) },
    ]);
    // a heartbeat without health (older gateway) clears that node's report
    await beat('gw-b', []);
    expect((await api('GET', `${base}/upstreams/${up.id}/health`)).body.data.map((t: { state: string }) => t.state)).toEqual(['healthy', 'open']);
    expect((await api('GET', `${base}/upstreams/nope/health`)).status).toBe(404);
  });
});
