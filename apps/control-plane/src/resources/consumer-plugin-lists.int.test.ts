import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';

/** `?q=&sort=&<filter>=` and `total` on the consumers, consumer groups and plugins lists; a second tenant's rows match every search and never show. */
interface ListBody<T> {
  data: T[];
  next: string | null;
  total: number;
}
interface Named {
  id: string;
  username?: string;
  name?: string;
  serviceId?: string | null;
  routeId?: string | null;
  consumerId?: string | null;
}

let cp: ControlPlane;
let api: ReturnType<typeof apiClient>;
const t = (tenant: string, path: string) => `/api/v1/tenants/${tenant}/${path}`;
const created = async (tenant: string, path: string, body: object): Promise<Named> => {
  const res = await api<Named>('POST', t(tenant, path), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const list = async (path: string, query: string) => {
  const res = await api<ListBody<Named>>('GET', `${t('default', path)}?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  api = apiClient(cp.url, cp.adminToken);
  expect((await api('POST', '/api/v1/tenants', { slug: 'other', name: 'Other' })).status).toBe(201);
  for (const tenant of ['default', 'other']) {
    await created(tenant, 'consumer-groups', { name: 'gold-tier', description: 'paying partners' });
    await created(tenant, 'consumer-groups', { name: 'silver', description: 'trial' });
    await created(tenant, 'consumer-groups', { name: 'bronze', description: null });
    for (const [i, name] of ['carol', 'alice', 'bob', 'alina'].entries()) await created(tenant, 'consumers', { username: name, customId: `crm-${tenant}-${i}` });
    await created(tenant, 'services', { name: 'orders', url: 'http://127.0.0.1:9' });
    await created(tenant, 'routes', { name: 'orders-route', service: 'orders', paths: [`/${tenant}/orders`] });
    await created(tenant, 'plugins', { name: 'cors', config: {} });
    await created(tenant, 'plugins', { name: 'cors', config: {}, service: 'orders' });
    await created(tenant, 'plugins', { name: 'rate-limit', config: { limits: [{ window: 'minute', limit: 5 }] }, route: 'orders-route' });
    await created(tenant, 'plugins', { name: 'rate-limit', config: { limits: [{ window: 'minute', limit: 50 }] }, route: 'orders-route', consumer: 'alice' });
    await created(tenant, 'plugins', { name: 'acl', config: { allow: ['gold-tier'] }, service: 'orders' });
  }
}, 120_000);
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

describe('consumers list', () => {
  it('searches username and custom id, sorts both ways, counts and pages', async () => {
    expect((await list('consumers', 'q=ALI&sort=username')).data.map((c) => c.username)).toEqual(['alice', 'alina']);
    const byCustomId = await list('consumers', 'q=crm-default-2');
    expect(byCustomId.total).toBe(1);
    expect(byCustomId.data.map((c) => c.username)).toEqual(['bob']);
    expect((await list('consumers', 'sort=-username')).data.map((c) => c.username)).toEqual(['carol', 'bob', 'alina', 'alice']);
    const first = await list('consumers', 'sort=username&limit=3');
    expect(first.total).toBe(4);
    const second = await list('consumers', `sort=username&limit=3&cursor=${first.next}`);
    expect([...first.data, ...second.data].map((c) => c.username)).toEqual(['alice', 'alina', 'bob', 'carol']);
    expect(second.next).toBeNull();
    // default order stays the age order the older clients page by
    expect((await list('consumers', 'limit=10')).data.map((c) => c.username)).toEqual(['carol', 'alice', 'bob', 'alina']);
  });
});

describe('consumer groups list', () => {
  it('searches name and description, sorts and counts', async () => {
    expect((await list('consumer-groups', 'q=PAYING')).data.map((g) => g.name)).toEqual(['gold-tier']);
    expect((await list('consumer-groups', 'q=l&sort=-name')).data.map((g) => g.name)).toEqual(['silver', 'gold-tier']);
    const all = await list('consumer-groups', 'sort=name');
    expect(all.total).toBe(3);
    expect(all.data.map((g) => g.name)).toEqual(['bronze', 'gold-tier', 'silver']);
  });
});

describe('plugins list', () => {
  it('filters by plugin name and scope, with a search and a sort, in this tenant only', async () => {
    const names = (body: ListBody<Named>) => body.data.map((p) => p.name);
    expect((await list('plugins', 'sort=name')).total).toBe(5);
    expect(names(await list('plugins', 'name=rate-limit'))).toEqual(['rate-limit', 'rate-limit']);
    expect((await list('plugins', 'scope=global')).data.map((p) => [p.name, p.serviceId, p.routeId, p.consumerId])).toEqual([['cors', null, null, null]]);
    expect(names(await list('plugins', 'scope=service&sort=name'))).toEqual(['acl', 'cors']);
    // on a route and a consumer: under both
    const onRoute = await list('plugins', 'scope=route');
    expect(onRoute.total).toBe(2);
    const onConsumer = await list('plugins', 'scope=consumer');
    expect(onConsumer.data.map((p) => p.consumerId)).toEqual([expect.any(String)]);
    expect(onRoute.data.map((p) => p.id)).toContain(onConsumer.data[0]?.id);
    expect((await list('plugins', 'name=cors&scope=service')).total).toBe(1);
    expect(names(await list('plugins', 'q=RATE&sort=-updatedAt'))).toEqual(['rate-limit', 'rate-limit']);
    const service = onRoute.data[0]?.serviceId;
    expect(service).toBeNull();
    const byRoute = await list('plugins', `route=${onRoute.data[0]?.routeId}&consumer=${onConsumer.data[0]?.consumerId}`);
    expect(byRoute.data.map((p) => p.id)).toEqual([onConsumer.data[0]?.id]);
  });

  it('refuses an unknown plugin name, scope or sort with a detail at the parameter', async () => {
    for (const [query, path] of [
      ['name=nope', 'name'],
      ['scope=tenant', 'scope'],
      ['sort=config', 'sort'],
      ['service=orders', 'service'],
    ]) {
      const res = await api<{ error: { code: string; details: Array<{ path: string }> } }>('GET', `${t('default', 'plugins')}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('AYA_CP_VALIDATION');
      expect(res.body.error.details.map((d) => d.path)).toEqual([expect.stringContaining(path)]);
    }
  });
});
