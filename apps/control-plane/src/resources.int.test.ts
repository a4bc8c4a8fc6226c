import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../test/harness';

let cp: ControlPlane;
let api: ReturnType<typeof apiClient>;
const base = '/api/v1/tenants/default';

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  api = apiClient(cp.url, cp.adminToken);
});
afterAll(async () => {
  await cp?.stop();
});

describe('upstreams', () => {
  it('CRUD with defaults, and renames follow into service urls', async () => {
    const created = await api('POST', `${base}/upstreams`, { name: 'pool', targets: [{ target: '127.0.0.1:9001' }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'pool', algorithm: 'round-robin', targets: [{ target: '127.0.0.1:9001', weight: 100 }] });
    expect((await api('GET', `${base}/upstreams/pool`)).body.id).toBe(created.body.id);
    const svc = await api('POST', `${base}/services`, { name: 'pooled', url: 'upstream://pool/v1' });
    expect(svc.status).toBe(201);
    const renamed = await api('PATCH', `${base}/upstreams/${created.body.id}`, { name: 'pool2', algorithm: 'least-connections' });
    expect(renamed.body).toMatchObject({ name: 'pool2', algorithm: 'least-connections', targets: [{ target: '127.0.0.1:9001', weight: 100 }] });
    expect((await api('GET', `${base}/services/pooled`)).body.url).toBe('upstream://pool2/v1');
    const replaced = await api('PUT', `${base}/upstreams/pool2`, { name: 'pool2', targets: [{ target: 'b.local:80', weight: 5 }] });
    expect(replaced.body).toMatchObject({ algorithm: 'round-robin', targets: [{ target: 'b.local:80', weight: 5 }] });
    const inUse = await api('DELETE', `${base}/upstreams/pool2`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('AYA_CP_CONFLICT');
    expect((await api('DELETE', `${base}/services/pooled`)).status).toBe(204);
    expect((await api('DELETE', `${base}/upstreams/pool2`)).status).toBe(204);
    expect((await api('GET', `${base}/upstreams/pool2`)).status).toBe(404);
  });

  it('refuses a service pointing at an unknown upstream', async () => {
    const res = await api('POST', `${base}/services`, { name: 'dangling', url: 'upstream://nope' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'url', message: expect.any(String) }]);
  });
});

describe('services', () => {
  it('CRUD with defaults; PUT resets what PATCH keeps', async () => {
    const created = await api('POST', `${base}/services`, { name: 'svc', url: 'http://127.0.0.1:9000/api', retries: 2 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'svc', connectTimeoutMs: 5000, readTimeoutMs: 60000, retries: 2 });
    const duplicate = await api('POST', `${base}/services`, { name: 'svc', url: 'http://x:1' });
    expect(duplicate.status).toBe(409);
    // the detail names the field, so the console shows the duplicate at Name
    expect(duplicate.body.error).toMatchObject({ code: 'AYA_CP_CONFLICT', details: [{ path: 'name', message: expect.any(String) }] });
    expect((await api('PATCH', `${base}/services/svc`, { readTimeoutMs: 1000 })).body).toMatchObject({ readTimeoutMs: 1000, retries: 2 });
    const put = await api('PUT', `${base}/services/${created.body.id}`, { name: 'svc', url: 'https://example.com' });
    expect(put.body).toMatchObject({ url: 'https://example.com', readTimeoutMs: 60000, retries: 1 });
    expect((await api('PUT', `${base}/services/svc`, { url: 'https://example.com' })).status).toBe(400);
    expect((await api('GET', `${base}/services?limit=1`)).body.data).toHaveLength(1);
  });
});

describe('routes', () => {
  it('CRUD; service by name or id; 409 on collision across tenants; service in use cannot go', async () => {
    const svc = (await api('POST', `${base}/services`, { name: 'r-svc', url: 'http://127.0.0.1:9000' })).body;
    const route = await api('POST', `${base}/routes`, { name: 'r1', service: 'r-svc', paths: ['/r1'], methods: ['GET'], hosts: ['a.test'] });
    expect(route.status).toBe(201);
    expect(route.body).toMatchObject({ name: 'r1', serviceId: svc.id, service: 'r-svc', paths: ['/r1'], methods: ['GET'], hosts: ['a.test'], stripPath: false });

    // same path + method + host in another tenant still collides: gateways serve every tenant on one listener
    await api('POST', '/api/v1/tenants', { slug: 'other', name: 'Other' });
    const otherSvc = (await api('POST', '/api/v1/tenants/other/services', { name: 's', url: 'http://127.0.0.1:9000' })).body;
    const clash = await api('POST', '/api/v1/tenants/other/routes', { name: 'x', service: otherSvc.id, paths: ['/r1'], hosts: ['A.test'] });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('AYA_CP_CONFLICT');
    expect((await api('POST', '/api/v1/tenants/other/routes', { name: 'x', service: 's', paths: ['/r1'], methods: ['POST'], hosts: ['a.test'] })).status).toBe(201);

    expect((await api('POST', `${base}/routes`, { name: 'r1', service: 'r-svc', paths: ['/other'] })).status).toBe(409);
    const patched = await api('PATCH', `${base}/routes/r1`, { stripPath: true, paths: ['/r1', '/r1b'] });
    expect(patched.body).toMatchObject({ stripPath: true, paths: ['/r1', '/r1b'], methods: ['GET'], hosts: ['a.test'] });
    const put = await api('PUT', `${base}/routes/${route.body.id}`, { name: 'r1', service: svc.id, paths: ['/r1'] });
    expect(put.body).toMatchObject({ stripPath: false, methods: [], hosts: [] });
    expect((await api('POST', `${base}/routes`, { name: 'r2', service: 'missing', paths: ['/z'] })).status).toBe(400);

    expect((await api('DELETE', `${base}/services/r-svc`)).status).toBe(409);
    expect((await api('DELETE', `${base}/routes/r1`)).status).toBe(204);
    expect((await api('DELETE', `${base}/services/r-svc`)).status).toBe(204);
    expect((await api('GET', `${base}/routes/r1`)).status).toBe(404);
    expect((await api('GET', '/api/v1/tenants/nope/routes')).status).toBe(404);
  });
});
