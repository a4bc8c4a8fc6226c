import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';
import { selfSigned } from '../certificates/test-certs.test-util';
import { tenantToken, type Api } from '../people/people.test-util';

let cp: ControlPlane;
let admin: Api;
let viewer: Api;
let poolId: string;

const STALE_AFTER_MS = 5_000;

const health = (target: string, state: string) => ({ upstreamId: poolId, target, state, consecutiveFailures: 0, active: 0, latencyMs: 3, since: new Date().toISOString() });

beforeAll(async () => {
  // nodes go stale after 5 s here: the last test waits for that
  cp = await startControlPlane({ databaseUrl: await createDatabase(), env: { AYA_NODE_STALE_AFTER_MS: String(STALE_AFTER_MS) } });
  admin = apiClient(cp.url, cp.adminToken);
  await admin('POST', '/api/v1/tenants', { slug: 'acme', name: 'Acme' });
  const t = '/api/v1/tenants/acme';
  poolId = (await admin('POST', `${t}/upstreams`, { name: 'pool', targets: [{ target: '127.0.0.1:7001' }, { target: '127.0.0.1:7002' }, { target: '127.0.0.1:7003' }] })).body.id;
  await admin('POST', `${t}/services`, { name: 'orders', url: 'upstream://pool' });
  const route = await admin('POST', `${t}/routes`, { name: 'orders', service: 'orders', paths: ['/orders'] });
  await admin('POST', `${t}/consumers`, { username: 'app' });
  await admin('POST', `${t}/plugins`, { name: 'cors', route: route.body.id, config: {} });
  expect((await admin('POST', `${t}/certificates`, { cert: selfSigned('acme.example.test').cert })).status).toBe(201);
  // the default tenant gets objects of its own: none may show in acme's overview
  await admin('POST', '/api/v1/tenants/default/services', { name: 'elsewhere', url: 'http://127.0.0.1:9' });
  await admin('POST', '/api/v1/tenants/default/upstreams', { name: 'other-pool', targets: [{ target: '127.0.0.1:7009' }] });
  viewer = apiClient(cp.url, (await tenantToken(cp, 'acme', 'viewer')).token);
});

/** gw-1: the current config, sees 7001 and 7002 healthy; gw-2: an older revision, sees 7002 unhealthy. */
async function heartbeats(): Promise<void> {
  const cluster = apiClient(cp.url, cp.clusterToken);
  const current = (await admin('GET', '/api/v1/config/revision')).body as { revision: number; hash: string };
  const beat = (nodeId: string, revision: number, hash: string, reports: unknown[]) =>
    cluster('POST', '/internal/v1/nodes/heartbeat', { nodeId, hostname: nodeId, revision, hash, version: 'test', health: reports });
  expect((await beat('gw-1', current.revision, current.hash, [health('127.0.0.1:7001', 'healthy'), health('127.0.0.1:7002', 'healthy')])).status).toBe(204);
  expect((await beat('gw-2', current.revision - 1, 'old', [health('127.0.0.1:7002', 'unhealthy')])).status).toBe(204);
}

afterAll(async () => {
  await cp?.stop();
});

describe('GET /api/v1/tenants/{t}/overview', () => {
  it("counts the tenant's objects, its target health, the gateways' sync and its latest changes", async () => {
    await heartbeats();
    const res = await viewer('GET', '/api/v1/tenants/acme/overview');
    expect(res.status).toBe(200);
    expect(res.body.tenant.slug).toBe('acme');
    expect(res.body.counts).toEqual({ services: 1, routes: 1, upstreams: 1, certificates: 1, consumers: 1, plugins: 1 });
    // 7003 is reported by no gateway; 7002 is unhealthy on one of them
    expect(res.body.upstreamHealth).toEqual({ targets: 3, healthy: 1, unhealthy: 1, unknown: 1 });
    expect(res.body.nodes).toEqual({ total: 2, inSync: 1, drifting: 1, stale: 0 });
    const changes = res.body.recentChanges as Array<{ resource: { type: string; name: string | null }; action: string; actor: { name: string } }>;
    expect(changes.length).toBe(6);
    // newest first, config writes of acme only (not the viewer token made since, nor the default tenant's writes)
    expect(changes[0]).toMatchObject({ action: 'create', resource: { type: 'certificate' } });
    expect(changes.map((c) => c.resource.type)).not.toContain('token');
    expect(changes.map((c) => c.resource.name)).not.toContain('elsewhere');
    expect(changes.map((c) => c.resource.name)).not.toContain('other-pool');
  });

  it("is refused for another tenant's member and unknown tenants", async () => {
    expect((await viewer('GET', '/api/v1/tenants/default/overview')).status).toBe(403);
    expect((await viewer('GET', '/api/v1/tenants/nope/overview')).status).toBe(403);
    const missing = await admin('GET', '/api/v1/tenants/nope/overview');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('AYA_CP_NOT_FOUND');
  });

  it('sees an empty tenant as empty', async () => {
    await admin('POST', '/api/v1/tenants', { slug: 'fresh', name: 'Fresh' });
    const res = await admin('GET', '/api/v1/tenants/fresh/overview');
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ services: 0, routes: 0, upstreams: 0, certificates: 0, consumers: 0, plugins: 0 });
    expect(res.body.upstreamHealth).toEqual({ targets: 0, healthy: 0, unhealthy: 0, unknown: 0 });
    // the tenant's creation is audited in the tenant
    expect(res.body.recentChanges.every((c: { resource: { type: string } }) => c.resource.type === 'tenant')).toBe(true);
  });

  it('counts stale gateways as stale and their reports as no news (AYA_NODE_STALE_AFTER_MS)', async () => {
    await heartbeats();
    const stale = async () => (await admin('GET', '/api/v1/tenants/acme/overview')).body.nodes.stale as number;
    await expect.poll(stale, { timeout: STALE_AFTER_MS * 6, interval: 500 }).toBe(2);
    const res = await admin('GET', '/api/v1/tenants/acme/overview');
    expect(res.body.nodes).toEqual({ total: 2, inSync: 0, drifting: 0, stale: 2 });
    expect(res.body.upstreamHealth).toEqual({ targets: 3, healthy: 0, unhealthy: 0, unknown: 3 });
  });
});
