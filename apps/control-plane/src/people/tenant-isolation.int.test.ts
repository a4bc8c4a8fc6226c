import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';
import { tenantToken, userSession, type Api } from './people.test-util';

/**
 * Isolation: a member of tenant ia (its owner, the strongest role there, as a session and as a token) gets 403 for
 * every endpoint of tenant ib, by slug or id, 404 for ib's objects named through ia's paths, and never sees ib in
 * a list.
 */
let cp: ControlPlane;
let root: Api;
let owners: Array<[string, Api]>;
let ibId: string;
/** [collection path under a tenant, id of ib's object] */
const ibObjects: Array<[string, string]> = [];

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  root = apiClient(cp.url, cp.adminToken);
  for (const slug of ['ia', 'ib']) await root('POST', '/api/v1/tenants', { slug, name: slug });
  ibId = (await root('GET', '/api/v1/tenants/ib')).body.id as string;
  const create = async (collection: string, body: object): Promise<void> => {
    const res = await root('POST', `/api/v1/tenants/ib/${collection}`, body);
    if (res.status !== 201) throw new Error(`${collection}: ${res.status} ${JSON.stringify(res.body)}`);
    ibObjects.push([collection, (res.body as { id: string }).id]);
  };
  await create('upstreams', { name: 'u', algorithm: 'round-robin', targets: [{ target: '127.0.0.1:9', weight: 1 }] });
  await create('services', { name: 's', url: 'upstream://u' });
  await create('routes', { name: 'r', service: 's', paths: ['/ib'] });
  await create('consumer-groups', { name: 'g' });
  await create('consumers', { username: 'c', groups: ['g'] });
  await create('consumers/c/credentials', { type: 'key-auth' });
  await create('plugins', { name: 'cors', config: {} });
  await create('tokens', { name: 'ib-ci', role: 'admin' });
  owners = [
    ['owner session', await userSession(cp, 'ia-owner', { ia: 'owner' })],
    ['owner token', apiClient(cp.url, (await tenantToken(cp, 'ia', 'owner')).token)],
  ];
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

describe('tenant isolation', () => {
  it('refuses every endpoint of another tenant (403), by slug and by id', async () => {
    const doc = (await root('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const inTenant = Object.entries(doc.paths).filter(([path]) => path.includes('{tenant}'));
    expect(inTenant.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const [name, api] of owners) {
      for (const [path, methods] of inTenant) {
        for (const [method, op] of Object.entries(methods)) {
          for (const tenant of ['ib', ibId]) {
            const concrete = path.replace('{tenant}', tenant).replace(/\{[a-z]+\}/gi, ibObjects[0]?.[1] ?? 'x');
            const res = await api(method.toUpperCase(), concrete, op.requestBody === undefined ? undefined : {});
            if (res.status !== 403) leaks.push(`${name}: ${method} ${concrete} -> ${res.status}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it("answers 404 for the other tenant's objects named through its own tenant, and lists only its own", async () => {
    for (const [name, api] of owners) {
      for (const [collection, id] of ibObjects) {
        // a GET by id exists for every collection but tokens (list + revoke only): revoking is the probe there
        const probe = await api(collection === 'tokens' ? 'DELETE' : 'GET', `/api/v1/tenants/ia/${collection}/${id}`);
        expect(probe.status, `${name}: ${collection}/${id}`).toBe(404);
        const list = await api('GET', `/api/v1/tenants/ia/${collection}`);
        expect(JSON.stringify(list.body), `${name}: ${collection}`).not.toContain(id);
      }
      const tenants = await api('GET', '/api/v1/tenants');
      expect(tenants.body.data.map((t: { slug: string }) => t.slug), name).toEqual(['ia']);
    }
    // the ib token the isolation probe tried to revoke still works
    const ibToken = await root('GET', '/api/v1/tenants/ib/tokens');
    expect(ibToken.body.data).toHaveLength(1);
  });

  it("a route clashing with another tenant's is refused without naming that tenant or its route", async () => {
    const [, api] = owners[0]!;
    await api('POST', '/api/v1/tenants/ia/upstreams', { name: 'ua', algorithm: 'round-robin', targets: [{ target: '127.0.0.1:9', weight: 1 }] });
    expect((await api('POST', '/api/v1/tenants/ia/services', { name: 'sa', url: 'upstream://ua' })).status).toBe(201);
    const direct = await api('POST', '/api/v1/tenants/ia/routes', { name: 'clash', service: 'sa', paths: ['/ib'] });
    const applied = await api('POST', '/api/v1/tenants/ia/config/apply', {
      services: [{ name: 'sa', url: 'upstream://ua' }],
      upstreams: [{ name: 'ua', algorithm: 'round-robin', targets: [{ target: '127.0.0.1:9', weight: 1 }] }],
      routes: [{ name: 'clash', service: 'sa', paths: ['/ib'] }],
    });
    for (const res of [direct, applied]) {
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('AYA_CP_CONFLICT');
      const said = [res.body.error.message, ...(res.body.error.details ?? []).map((d: { message: string }) => d.message)].join(' | ');
      expect(said).toContain('a route of another tenant');
      expect(said).not.toContain('"ib"');
      expect(said).not.toContain('"r"');
    }
  });
});
