import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';
import { tenantToken } from '../people/people.test-util';

let cp: ControlPlane;
let admin: ReturnType<typeof apiClient>;
let viewer: ReturnType<typeof apiClient>;
let operator: ReturnType<typeof apiClient>;
let acmeId: string;
let defaultOnly: number;
let beforeAcmeRoute: number;

const revision = async (): Promise<number> => (await admin('GET', '/api/v1/config/revision')).body.revision;

beforeAll(async () => {
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  admin = apiClient(cp.url, cp.adminToken);
  acmeId = (await admin('POST', '/api/v1/tenants', { slug: 'acme', name: 'Acme' })).body.id;
  await admin('POST', '/api/v1/tenants/acme/services', { name: 'a-svc', url: 'http://127.0.0.1:7' });
  beforeAcmeRoute = await revision();
  await admin('POST', '/api/v1/tenants/acme/routes', { name: 'a-route', service: 'a-svc', paths: ['/acme'] });
  await admin('POST', '/api/v1/tenants/default/services', { name: 'd-svc', url: 'http://127.0.0.1:8' });
  defaultOnly = await revision();
  viewer = apiClient(cp.url, (await tenantToken(cp, 'acme', 'viewer')).token);
  operator = apiClient(cp.url, (await tenantToken(cp, 'acme', 'operator')).token);
});
afterAll(async () => {
  await cp?.stop();
});

describe('config history of a tenant member', () => {
  it('lists, shows and diffs only the changes of their tenants', async () => {
    const list = await viewer('GET', '/api/v1/config/revisions?limit=100');
    expect(list.status).toBe(200);
    const items = list.body.data.flatMap((r: { changes: Array<{ tenantId: string; name: string }> }) => r.changes);
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((c: { tenantId: string }) => c.tenantId))).toEqual(new Set([acmeId]));
    expect(list.body.data.map((r: { revision: number }) => r.revision)).not.toContain(defaultOnly);
    expect((await viewer('GET', `/api/v1/config/revisions/${defaultOnly}`)).status).toBe(404);
    expect((await viewer('GET', '/api/v1/config/revisions?tenant=default')).status).toBe(404);
    const diff = await viewer('GET', `/api/v1/config/diff?from=0&to=${defaultOnly}`);
    // their tenant's own creation included, nothing of the default tenant
    expect(diff.body.changes.map((c: { name: string }) => c.name).sort()).toEqual(['a-route', 'a-svc', 'acme']);
  });

  it('rolls back only their tenant, with the right role', async () => {
    expect((await viewer('POST', `/api/v1/config/revisions/${beforeAcmeRoute}/rollback`)).status).toBe(403);
    expect((await operator('POST', `/api/v1/config/revisions/${beforeAcmeRoute}/rollback?tenant=default`)).status).toBe(404);
    const rolled = await operator('POST', `/api/v1/config/revisions/${beforeAcmeRoute}/rollback`);
    expect(rolled.status).toBe(201);
    expect(rolled.body).toMatchObject({ tenant: acmeId, changes: [{ kind: 'route', name: 'a-route', action: 'delete' }] });
    expect((await admin('GET', '/api/v1/tenants/acme/routes/a-route')).status).toBe(404);
    // the other tenant's later change stays
    expect((await admin('GET', '/api/v1/tenants/default/services/d-svc')).status).toBe(200);
  });
});
