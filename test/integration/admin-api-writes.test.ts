import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../harness';

describe('admin API: invalid input is refused with details and writes nothing', () => {
  let cp: ControlPlane;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    cp = await startControlPlane({ databaseUrl: await createDatabase() });
    api = apiClient(cp.url, cp.adminToken);
  });
  afterAll(async () => {
    await cp?.stop();
  });

  it('400 AYA_CP_VALIDATION with field-level details; revision and data unchanged', async () => {
    const before = (await api('GET', '/api/v1/config/revision')).body;
    const res = await api('POST', '/api/v1/tenants/default/routes', { name: 'bad name!', service: '', paths: ['no-slash'] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('AYA_CP_VALIDATION');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'service', 'paths.0']));
    expect((await api('GET', '/api/v1/config/revision')).body).toEqual(before);
    expect((await api('GET', '/api/v1/tenants/default/routes')).body.data).toEqual([]);
  });

  it('a route naming a missing service changes nothing', async () => {
    const before = (await api('GET', '/api/v1/config/revision')).body;
    const res = await api('POST', '/api/v1/tenants/default/routes', { name: 'r', service: 'ghost', paths: ['/x'] });
    expect([400, 404]).toContain(res.status);
    expect((await api('GET', '/api/v1/config/revision')).body).toEqual(before);
    expect((await api('GET', '/api/v1/tenants/default/routes')).body.data).toEqual([]);
  });

  it('401 without a token, 404 for an unknown tenant, 409 for a duplicate and a colliding route', async () => {
    expect((await apiClient(cp.url)('GET', '/api/v1/tenants')).body.error.code).toBe('AYA_CP_UNAUTHENTICATED');
    expect((await api('GET', '/api/v1/tenants/nope/services')).body.error.code).toBe('AYA_CP_NOT_FOUND');
    expect((await api('POST', '/api/v1/tenants/default/services', { name: 's', url: 'http://127.0.0.1:9' })).status).toBe(201);
    const dup = await api('POST', '/api/v1/tenants/default/services', { name: 's', url: 'http://127.0.0.1:9' });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'AYA_CP_CONFLICT']);
    expect((await api('POST', '/api/v1/tenants/default/routes', { name: 'a', service: 's', paths: ['/a'], methods: ['GET'] })).status).toBe(201);
    const clash = await api('POST', '/api/v1/tenants/default/routes', { name: 'b', service: 's', paths: ['/a'] });
    expect([clash.status, clash.body.error.code]).toEqual([409, 'AYA_CP_CONFLICT']);
    const ok = await api('POST', '/api/v1/tenants/default/routes', { name: 'c', service: 's', paths: ['/a'], methods: ['POST'] });
    expect(ok.status).toBe(201);
  });
});
