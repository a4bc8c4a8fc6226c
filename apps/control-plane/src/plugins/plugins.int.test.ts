import { snapshotPluginSchema } from '@aya/config-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSigned } from '../certificates/test-certs.test-util';
import { gatewayView } from '../config-flow/gateway-view.test-util';
import { apiClient, createDatabase, startControlPlane, startRedis, type ControlPlane, type TestRedis } from '../../../../test/harness';

let cp: ControlPlane;
let api: ReturnType<typeof apiClient>;
let revision: ReturnType<typeof gatewayView>['revision'];
let changesAfter: ReturnType<typeof gatewayView>['changesAfter'];
let pull: ReturnType<typeof gatewayView>['pull'];
const base = '/api/v1/tenants/default/plugins';
const tenantPath = (p: string) => `/api/v1/tenants/default/${p}`;

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  api = apiClient(cp.url, cp.adminToken);
  ({ revision, changesAfter, pull } = gatewayView(cp, api));
  expect((await api('POST', tenantPath('services'), { name: 'orders', url: 'http://127.0.0.1:9' })).status).toBe(201);
  expect((await api('POST', tenantPath('routes'), { name: 'orders-route', service: 'orders', paths: ['/orders'] })).status).toBe(201);
  expect((await api('POST', tenantPath('consumers'), { username: 'alice' })).status).toBe(201);
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

const detailPaths = (body: { error: { details?: Array<{ path: string }> } }) => (body.error.details ?? []).map((d) => d.path).sort();

describe('plugins', () => {
  it('stores the config parsed (defaults filled), resolves the scope by name, and ships it as an item', async () => {
    const created = await api('POST', base, { name: 'rate-limit', config: { limits: [{ window: 'minute', limit: 5 }] }, service: 'orders', route: 'orders-route' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'rate-limit',
      enabled: true,
      config: { limits: [{ window: 'minute', limit: 5 }], by: 'consumer', policy: 'local', algorithm: 'sliding-window', faultTolerant: true },
      serviceId: expect.any(String),
      routeId: expect.any(String),
      consumerId: null,
    });
    expect((await api('GET', `${base}/${created.body.id}`)).body).toEqual(created.body);
    expect((await api('GET', base)).body.data).toEqual([created.body]);
    const snap = await pull();
    const item = snap.plugins?.find((p) => p.id === created.body.id);
    expect(snapshotPluginSchema.parse(item)).toEqual({ ...item, tenant: 'default' });
    expect(item).toMatchObject({ name: 'rate-limit', config: created.body.config, serviceId: created.body.serviceId, routeId: created.body.routeId });
  });

  it('answers 400 with field details: config paths, unknown scope references, consumer scope of pre-auth and auth plugins', async () => {
    const badLimit = await api('POST', base, { name: 'rate-limit', config: { limits: [{ window: 'minute', limit: 0 }] } });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.code).toBe('AYA_CP_VALIDATION');
    expect(detailPaths(badLimit.body)).toEqual(['config.limits.0.limit']);
    const unknownField = await api('POST', base, { name: 'cors', config: { origins: ['*'], nope: 1 } });
    expect(detailPaths(unknownField.body)).toContain('config.nope');
    const missing = await api('POST', base, { name: 'acl', config: { allow: ['gold'] }, service: 'nope', route: 'nope-route' });
    expect(detailPaths(missing.body)).toEqual(['route', 'service']);
    for (const name of ['cors', 'key-auth']) {
      const consumerScoped = await api('POST', base, { name, config: {}, consumer: 'alice' });
      expect(consumerScoped.status).toBe(400);
      expect(detailPaths(consumerScoped.body)).toEqual(['consumer']);
    }
    const badSchema = await api('POST', base, { name: 'request-validator', config: { bodySchema: { type: 'no-such-type' } } });
    expect(badSchema.status).toBe(400);
    expect(detailPaths(badSchema.body)).toEqual(['config.bodySchema']);
    const goodSchema = await api('POST', base, { name: 'request-validator', config: { bodySchema: { type: 'object', required: ['id'] } }, route: 'orders-route' });
    expect(goodSchema.status).toBe(201);
  });

  it('refuses policy "cluster" without REDIS_URL, naming REDIS_URL', async () => {
    for (const [name, config] of [
      ['rate-limit', { limits: [{ window: 'second', limit: 1 }], policy: 'cluster' }],
      ['quota', { limit: 10, period: 'day', policy: 'cluster' }],
    ] as const) {
      const res = await api('POST', base, { name, config, consumer: 'alice' });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'config.policy', message: expect.stringContaining('REDIS_URL') }]);
    }
  });

  it('keeps one instance per name and scope (409), global included; PATCH keeps the config unless given', async () => {
    const first = await api('POST', base, { name: 'cors', config: {} });
    expect(first.status).toBe(201);
    const again = await api('POST', base, { name: 'cors', config: { origins: ['https://a.test'] } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('AYA_CP_CONFLICT');
    const other = await api('POST', base, { name: 'cors', config: {}, service: 'orders' });
    expect(other.status).toBe(201);
    expect((await api('PATCH', `${base}/${other.body.id}`, { service: null })).status).toBe(409);
    const disabled = await api('PATCH', `${base}/${first.body.id}`, { enabled: false });
    expect(disabled.body).toMatchObject({ enabled: false, config: first.body.config });
    const reconfigured = await api('PATCH', `${base}/${first.body.id}`, { config: { origins: ['https://a.test'] } });
    expect(reconfigured.body.config).toMatchObject({ origins: ['https://a.test'] });
    expect((await api('PATCH', `${base}/${first.body.id}`, { config: { origins: 'x' } })).status).toBe(400);
    expect((await api('DELETE', `${base}/${first.body.id}`)).status).toBe(204);
    expect((await api('GET', `${base}/${first.body.id}`)).status).toBe(404);
  });

  it('deleting a consumer, route or service deletes the plugins scoped to it, their items in the same revision', async () => {
    await api('POST', tenantPath('consumers'), { username: 'bob' });
    const svc = (await api('POST', tenantPath('services'), { name: 'gone', url: 'http://127.0.0.1:9' })).body;
    const route = (await api('POST', tenantPath('routes'), { name: 'gone-route', service: 'gone', paths: ['/gone'] })).body;
    const onConsumer = (await api('POST', base, { name: 'rate-limit', config: { limits: [{ window: 'hour', limit: 9 }] }, consumer: 'bob' })).body;
    const onRoute = (await api('POST', base, { name: 'acl', config: { allow: ['gold'] }, route: route.id })).body;
    const onService = (await api('POST', base, { name: 'acl', config: { deny: ['bad'] }, service: svc.id })).body;

    let before = await revision();
    expect((await api('DELETE', tenantPath('consumers/bob'))).status).toBe(204);
    expect(await revision()).toBe(before + 1);
    expect(await changesAfter(before)).toEqual(expect.arrayContaining([{ kind: 'plugin', id: onConsumer.id, item: null }]));

    before = await revision();
    expect((await api('DELETE', tenantPath(`routes/${route.id}`))).status).toBe(204);
    expect(await changesAfter(before)).toEqual(expect.arrayContaining([{ kind: 'route', id: route.id, item: null }, { kind: 'plugin', id: onRoute.id, item: null }]));

    before = await revision();
    expect((await api('DELETE', tenantPath(`services/${svc.id}`))).status).toBe(204);
    expect(await changesAfter(before)).toEqual(expect.arrayContaining([{ kind: 'service', id: svc.id, item: null }, { kind: 'plugin', id: onService.id, item: null }]));

    const ids = (await pull()).plugins?.map((p) => p.id) ?? [];
    for (const gone of [onConsumer, onRoute, onService]) expect(ids).not.toContain(gone.id);
    expect((await api('GET', `${base}/${onService.id}`)).status).toBe(404);
  });

  it('serves every plugin config schema as JSON Schema to any signed-in user', async () => {
    const res = await api('GET', '/api/v1/plugins/schemas');
    expect(res.status).toBe(200);
    const byName = new Map((res.body.plugins as Array<{ name: string; auth: boolean; preAuth: boolean; schema: Record<string, unknown> }>).map((p) => [p.name, p]));
    expect(byName.size).toBe(15);
    expect(byName.get('key-auth')).toMatchObject({ auth: true, preAuth: false, schema: { type: 'object' } });
    expect(byName.get('cors')).toMatchObject({ auth: false, preAuth: true });
    // io: input: a field with a default is optional in the form
    const rl = byName.get('rate-limit')?.schema as { required?: string[]; properties: Record<string, unknown> };
    expect(rl.required).toEqual(['limits']);
    expect(rl.properties.policy).toMatchObject({ enum: ['local', 'cluster'], default: 'local' });
    expect((await apiClient(cp.url)('GET', '/api/v1/plugins/schemas')).status).toBe(401);
  });
});

describe('with REDIS_URL', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('accepts policy "cluster"; a control plane without Redis can still disable it, not set it again', async () => {
    const databaseUrl = await createDatabase();
    const withRedis = await startControlPlane({ databaseUrl, redisUrl: redis.url });
    const config = { limits: [{ window: 'second', limit: 1 }], policy: 'cluster' };
    let id: string;
    try {
      const res = await apiClient(withRedis.url, withRedis.adminToken)('POST', base, { name: 'rate-limit', config });
      expect(res.status).toBe(201);
      expect(res.body.config.policy).toBe('cluster');
      id = res.body.id as string;
    } finally {
      expect(await withRedis.stop()).toBe(0);
    }
    const plain = await startControlPlane({ databaseUrl });
    try {
      const papi = apiClient(plain.url, plain.adminToken);
      expect((await papi('PATCH', `${base}/${id}`, { enabled: false })).body).toMatchObject({ enabled: false, config: { policy: 'cluster' } });
      expect((await papi('PATCH', `${base}/${id}`, { config })).status).toBe(400);
    } finally {
      expect(await plain.stop()).toBe(0);
    }
  });
});

describe('mtls-auth caCertificates', () => {
  it('must name certificates of the plugin tenant (400 at the entry), stored as canonical ids', async () => {
    expect((await api('POST', '/api/v1/tenants', { slug: 'other', name: 'Other' })).status).toBe(201);
    const foreign = await api('POST', '/api/v1/tenants/other/certificates', { cert: selfSigned('ca.other.test').cert });
    expect(foreign.status).toBe(201);
    const own = await api('POST', tenantPath('certificates'), { cert: selfSigned('ca.default.test').cert });
    expect(own.status).toBe(201);
    const refused = await api('POST', base, { name: 'mtls-auth', config: { caCertificates: [own.body.id, foreign.body.id, 'nope'] }, route: 'orders-route' });
    expect(refused.status).toBe(400);
    expect(detailPaths(refused.body)).toEqual(['config.caCertificates.1', 'config.caCertificates.2']);
    const created = await api('POST', base, { name: 'mtls-auth', config: { caCertificates: [own.body.id.toUpperCase()] }, route: 'orders-route' });
    expect(created.status).toBe(201);
    expect(created.body.config.caCertificates).toEqual([own.body.id]);
  });
});
