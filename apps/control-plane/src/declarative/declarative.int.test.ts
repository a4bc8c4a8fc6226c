import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSigned } from '../certificates/test-certs.test-util';
import { gatewayView } from '../config-flow/gateway-view.test-util';
import {
  apiClient,
  createDatabase,
  eventually,
  startControlPlane,
  startGateway,
  startUpstream,
  type ControlPlane,
  type Gateway,
  type TestUpstream,
} from '../../../../test/harness';

// two installations with the same secret key: a dump of one applies to the other, sealed certificate keys included
const env = { AYA_SECRET_KEY: 'declarative-test-secret-key-0123456789abcdef' };
let a: ControlPlane;
let b: ControlPlane;
let apiA: ReturnType<typeof apiClient>;
let apiB: ReturnType<typeof apiClient>;
let upstream: TestUpstream;
let gateway: Gateway | undefined;
const t = (p: string) => `/api/v1/tenants/default/${p}`;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const cert = selfSigned('declarative.example');
const ca = selfSigned('declarative-ca');

async function must(api: ReturnType<typeof apiClient>, method: string, path: string, body: unknown, status: number) {
  const res = await api(method, path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const apply = (api: ReturnType<typeof apiClient>, doc: unknown, query = '') => api('POST', `/api/v1/tenants/default/config/apply${query}`, doc);
const dump = async (api: ReturnType<typeof apiClient>) => must(api, 'GET', '/api/v1/tenants/default/config', undefined, 200);
const revisionOf = async (api: ReturnType<typeof apiClient>): Promise<number> => (await must(api, 'GET', '/api/v1/config/revision', undefined, 200)).revision;
const detailPaths = (body: { error: { details?: Array<{ path: string }> } }) => (body.error.details ?? []).map((d) => d.path);

beforeAll(async () => {
  // one after the other: two starting at once on a busy machine can miss the harness's start-up deadline
  a = await startControlPlane({ databaseUrl: await createDatabase(), env });
  b = await startControlPlane({ databaseUrl: await createDatabase(), env });
  upstream = await startUpstream('declared');
  apiA = apiClient(a.url, a.adminToken);
  apiB = apiClient(b.url, b.adminToken);
  // a tenant built through the admin API, one of every kind, references everywhere
  const c = await must(apiA, 'POST', t('certificates'), { snis: ['declarative.example'], ...cert }, 201);
  const caCert = await must(apiA, 'POST', t('certificates'), { cert: ca.cert }, 201);
  await must(apiA, 'POST', t('upstreams'), { name: 'orders-pool', targets: [{ target: `127.0.0.1:${upstream.port}` }] }, 201);
  await must(apiA, 'POST', t('services'), { name: 'orders', url: 'upstream://orders-pool', readTimeoutMs: 5000, clientCertificateId: c.id }, 201);
  await must(apiA, 'POST', t('services'), { name: 'billing', url: upstream.url, caCertificateId: caCert.id }, 201);
  await must(apiA, 'POST', t('routes'), { name: 'orders', service: 'orders', paths: ['/orders'], methods: ['GET'], fallback: { service: 'billing' } }, 201);
  await must(apiA, 'POST', t('routes'), { name: 'billing', service: 'billing', paths: ['/billing'], split: { services: [{ service: 'billing', weight: 1 }, { service: 'orders', weight: 1 }] } }, 201);
  await must(apiA, 'POST', t('consumer-groups'), { name: 'gold', description: 'paying' }, 201);
  await must(apiA, 'POST', t('consumers'), { username: 'alice', groups: ['gold'] }, 201);
  await must(apiA, 'POST', t('plugins'), { name: 'rate-limit', route: 'orders', config: { limits: [{ window: 'minute', limit: 5 }] } }, 201);
  await must(apiA, 'POST', t('plugins'), { name: 'mtls-auth', service: 'billing', config: { caCertificates: [caCert.id] } }, 201);
  await must(apiA, 'POST', t('plugins'), { name: 'cors', enabled: false, config: { origins: ['https://app.example'] } }, 201);
});

afterAll(async () => {
  if (gateway) expect(await gateway.stop()).toBe(0);
  await upstream?.close();
  expect(await a?.stop()).toBe(0);
  expect(await b?.stop()).toBe(0);
});

describe('GET /tenants/{t}/config', () => {
  it('names every object by its key, never by an id, holds no key in clear, and is the same on every read', async () => {
    const doc = await dump(apiA);
    expect(UUID.test(JSON.stringify(doc))).toBe(false);
    expect(Object.keys(doc)).toEqual(['version', 'certificates', 'upstreams', 'services', 'routes', 'consumerGroups', 'consumers', 'plugins']);
    expect(doc.routes.map((r: { name: string }) => r.name)).toEqual(['billing', 'orders']);
    expect(doc.routes[1]).toEqual({ name: 'orders', service: 'orders', paths: ['/orders'], methods: ['GET'], fallback: { service: 'billing' } });
    expect(doc.routes[0].split.services.map((s: { service: string }) => s.service)).toEqual(['billing', 'orders']);
    const withKey = doc.certificates.find((c: { snis?: string[] }) => c.snis?.includes('declarative.example'));
    expect(withKey.keySealed).toMatch(/^v1:/);
    expect(JSON.stringify(doc)).not.toContain('PRIVATE KEY');
    const orders = doc.services.find((s: { name: string }) => s.name === 'orders');
    expect(orders).toEqual({ name: 'orders', url: 'upstream://orders-pool', readTimeoutMs: 5000, clientCertificate: withKey.fingerprint });
    expect(doc.plugins.find((p: { name: string }) => p.name === 'mtls-auth').config.caCertificates).toEqual([doc.certificates.find((c: { keySealed?: string }) => !c.keySealed).fingerprint]);
    expect(doc.consumers).toEqual([{ username: 'alice', groups: ['gold'] }]);
    expect(await dump(apiA)).toEqual(doc);
  });

  it('answers YAML for Accept: application/yaml, the same document', async () => {
    const res = await fetch(`${a.url}/api/v1/tenants/default/config`, { headers: { authorization: `Bearer ${a.adminToken}`, accept: 'application/yaml' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(parseYaml(await res.text())).toEqual(await dump(apiA));
  });
});

describe('POST /tenants/{t}/config/apply', () => {
  it('reproduces a dump on another installation in one revision; the same document again changes nothing', async () => {
    const doc = await dump(apiA);
    const before = await revisionOf(apiB);
    const first = await apply(apiB, doc);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.revision).toBe(before + 1);
    expect(first.body.changes).toContainEqual({ action: 'create', kind: 'route', name: 'orders' });
    expect(first.body.changes).toContainEqual({ action: 'create', kind: 'plugin', name: 'rate-limit[route=orders]' });
    expect(first.body.changes).toHaveLength(2 + 1 + 2 + 2 + 1 + 1 + 3);
    // the same document, but for the sealed key: sealed again on the copy (a fresh IV), the same key inside
    const copy = await dump(apiB);
    const unsealedAside = (d: typeof doc) => ({ ...d, certificates: d.certificates.map((c: { keySealed?: string }) => ({ ...c, keySealed: c.keySealed ? 'sealed' : undefined })) });
    expect(unsealedAside(copy)).toEqual(unsealedAside(doc));
    expect(await revisionOf(apiB)).toBe(before + 1);

    const again = await apply(apiB, doc);
    expect(again.body).toEqual({ revision: before + 1, dryRun: false, changes: [] });
    expect(await revisionOf(apiB)).toBe(before + 1);
    // the dump of the copy applies back to the original without a change
    expect((await apply(apiA, await dump(apiB))).body.changes).toEqual([]);
  });

  it('updates what differs, keeps what the document leaves out unless pruned, then deletes it', async () => {
    const doc = await dump(apiB);
    const smaller = {
      ...doc,
      routes: doc.routes.filter((r: { name: string }) => r.name !== 'billing').map((r: { name: string }) => ({ ...r, paths: ['/orders', '/orders-v2'] })),
      plugins: doc.plugins.filter((p: { name: string }) => p.name !== 'cors'),
    };
    const kept = await apply(apiB, smaller);
    expect(kept.body.changes).toEqual([{ action: 'update', kind: 'route', name: 'orders' }]);
    expect((await apiB('GET', t('routes/billing'))).status).toBe(200);
    const pruned = await apply(apiB, smaller, '?prune=true');
    expect(pruned.body.changes).toEqual([
      { action: 'delete', kind: 'plugin', name: 'cors' },
      { action: 'delete', kind: 'route', name: 'billing' },
    ]);
    expect((await apiB('GET', t('routes/billing'))).status).toBe(404);
    expect((await apiB('GET', t('routes/orders'))).body.paths).toEqual(['/orders', '/orders-v2']);
    // audited: one row per object, at the apply's revision
    const audit = await apiB('GET', '/api/v1/tenants/default/audit?resource=route');
    expect(audit.status).toBe(200);
    const rows = audit.body.data.filter((e: { revision: number }) => e.revision === pruned.body.revision);
    expect(rows.map((e: { action: string; resource: { name: string } }) => [e.action, e.resource.name])).toEqual([['delete', 'billing']]);
  });

  it('applies a hand-written file twice without a change, whatever the order of a consumer\'s groups or a repeated path', async () => {
    const file = {
      consumerGroups: [{ name: 'silver' }, { name: 'bronze' }],
      consumers: [{ username: 'dave', groups: ['silver', 'bronze', 'silver'] }],
      routes: [{ name: 'twice', service: 'orders', paths: ['/twice', '/twice'], methods: ['GET', 'GET'] }],
    };
    const first = await apply(apiB, file);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect((await apply(apiB, file)).body.changes).toEqual([]);
  });

  it('dryRun answers the changes and writes nothing', async () => {
    const doc = await dump(apiB);
    const before = await revisionOf(apiB);
    const more = { ...doc, services: [...doc.services, { name: 'extra', url: 'http://127.0.0.1:9' }] };
    const dry = await apply(apiB, more, '?dryRun=true&prune=true');
    expect(dry.body).toEqual({ revision: before, dryRun: true, changes: [{ action: 'create', kind: 'service', name: 'extra' }] });
    expect(await revisionOf(apiB)).toBe(before);
    expect((await apiB('GET', t('services/extra'))).status).toBe(404);
  });

  it('names the document path of a bad field and of a reference to a missing object', async () => {
    const bad = await apply(apiB, { routes: [{ name: 'ok', service: 'orders', paths: ['/ok'] }, { name: 'bad', service: 'orders', paths: ['no-slash'] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('AYA_CP_VALIDATION');
    expect(detailPaths(bad.body)).toEqual(['routes[1].paths[0]']);
    const unknown = await apply(apiB, { services: [{ name: 's', url: 'http://127.0.0.1:9', nope: 1 }] });
    expect(detailPaths(unknown.body)).toEqual(['services[0].nope']);
    const missing = await apply(apiB, { routes: [{ name: 'r', service: 'ghost', paths: ['/ghost'] }], consumers: [{ username: 'bob', groups: ['platinum'] }] });
    expect(missing.status).toBe(400);
    expect(detailPaths(missing.body)).toEqual(['routes[0].service', 'consumers[0].groups[0]']);
    const dup = await apply(apiB, { upstreams: [{ name: 'u' }, { name: 'u' }] });
    expect(detailPaths(dup.body)).toEqual(['upstreams[1].name']);
  });

  it('is atomic: a bad object at the end leaves nothing of the document written', async () => {
    const before = await revisionOf(apiB);
    const doc = {
      services: [{ name: 'atomic', url: 'http://127.0.0.1:9' }],
      routes: [{ name: 'atomic', service: 'atomic', paths: ['/atomic'] }],
      // the plugin's own check runs at its write, after the service and route were written in the same transaction
      plugins: [{ name: 'rate-limit', route: 'atomic', config: { limits: [{ window: 'minute', limit: 0 }] } }],
    };
    const res = await apply(apiB, doc);
    expect(res.status).toBe(400);
    expect(detailPaths(res.body)).toEqual(['plugins[0].config.limits[0].limit']);
    expect(await revisionOf(apiB)).toBe(before);
    expect((await apiB('GET', t('services/atomic'))).status).toBe(404);
    expect((await apiB('GET', t('routes/atomic'))).status).toBe(404);
  });

  it('refuses a route colliding with another of the document or of the tenant, at its path (409)', async () => {
    const res = await apply(apiB, { routes: [{ name: 'twin', service: 'orders', paths: ['/orders'], methods: ['GET'] }] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('AYA_CP_CONFLICT');
    expect(detailPaths(res.body)).toEqual(['routes[0]']);
  });

  it('takes YAML, and says which line a YAML syntax error is on', async () => {
    const yaml = 'services:\n  - name: from-yaml\n    url: http://127.0.0.1:9\n';
    const post = (body: string) =>
      fetch(`${b.url}/api/v1/tenants/default/config/apply?dryRun=true`, { method: 'POST', headers: { authorization: `Bearer ${b.adminToken}`, 'content-type': 'application/yaml' }, body });
    const ok = await post(yaml);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { changes: unknown[] }).changes).toEqual([{ action: 'create', kind: 'service', name: 'from-yaml' }]);
    const broken = await post('services:\n  - name: [unclosed\n');
    expect(broken.status).toBe(400);
    const body = (await broken.json()) as { error: { code: string; details: Array<{ message: string }> } };
    expect(body.error.code).toBe('AYA_CP_VALIDATION');
    expect(body.error.details[0]?.message).toMatch(/line/i);
    // other routes still refuse YAML bodies
    const elsewhere = await fetch(`${b.url}${t('services')}`, { method: 'POST', headers: { authorization: `Bearer ${b.adminToken}`, 'content-type': 'application/yaml' }, body: yaml });
    expect(elsewhere.status).toBe(415);
  });

  it('writes a thousand routes in one revision, as one delta gateways pull', async () => {
    const doc = await dump(apiB);
    const before = await revisionOf(apiB);
    const routes = Array.from({ length: 1000 }, (_, i) => ({ name: `bulk-${i}`, service: 'billing', paths: [`/bulk/${i}`] }));
    const res = await apply(apiB, { ...doc, routes: [...doc.routes, ...routes] });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.changes).toHaveLength(1000);
    expect(res.body.revision).toBe(before + 1);
    const changes = await gatewayView(b, apiB).changesAfter(before);
    expect(changes.filter((c) => c.kind === 'route')).toHaveLength(1000);
    expect((await apply(apiB, { ...doc, routes: [...doc.routes, ...routes] })).body.changes).toEqual([]);
  });

  it('creates a route a gateway then serves', async () => {
    gateway = await startGateway({ controlPlaneUrl: b.url, clusterToken: b.clusterToken });
    const res = await apply(apiB, { services: [{ name: 'hello', url: upstream.url }], routes: [{ name: 'hello', service: 'hello', paths: ['/hello'] }] });
    expect(res.status).toBe(200);
    const gw = gateway;
    const served = await eventually(async () => {
      const r = await fetch(`${gw.proxyUrl}/hello`);
      return r.status === 200 ? r.text() : undefined;
    });
    expect(served).toBe('hello from declared /hello');
  });
});
