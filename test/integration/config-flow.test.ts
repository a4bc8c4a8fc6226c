import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  createDatabase,
  eventually,
  startControlPlane,
  startGateway,
  startRedis,
  startUpstream,
  type ControlPlane,
  type Gateway,
  type TestRedis,
  type TestUpstream,
} from '../harness';

/** GET through a gateway; resolves with status and body (never throws on HTTP errors). */
async function through(gw: Gateway, path: string, init?: RequestInit): Promise<{ status: number; body: string }> {
  const res = await fetch(`${gw.proxyUrl}${path}`, init);
  return { status: res.status, body: await res.text() };
}

describe('config flow: control plane -> Redis / SSE -> two gateways', () => {
  let redis: TestRedis;
  let upstream: TestUpstream;
  let cp: ControlPlane;
  let gws: Gateway[];
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    redis = await startRedis();
    upstream = await startUpstream('orders');
    cp = await startControlPlane({ databaseUrl: await createDatabase(), redisUrl: redis.url });
    api = apiClient(cp.url, cp.adminToken);
    gws = await Promise.all([0, 1].map(() => startGateway({ controlPlaneUrl: cp.url, clusterToken: cp.clusterToken, redisUrl: redis.url })));
  });

  afterAll(async () => {
    await Promise.all((gws ?? []).map((g) => g.stop()));
    await cp?.stop();
    await redis?.stop();
    await upstream?.close();
  });

  it('serves a route created through the admin API from both gateway processes', async () => {
    // 503 AYA_GW_NOT_READY until the gateway applied its first config, then 404: no such route yet
    await eventually(async () => (await through(gws[0], '/orders/1')).status === 404);
    const svc = await api('POST', '/api/v1/tenants/default/services', { name: 'orders', url: upstream.url });
    expect(svc.status).toBe(201);
    const route = await api('POST', '/api/v1/tenants/default/routes', { name: 'orders', service: 'orders', paths: ['/orders'] });
    expect(route.status).toBe(201);
    for (const gw of gws) {
      const r = await eventually(async () => {
        const res = await through(gw, '/orders/1?x=2');
        return res.status === 200 && res;
      });
      expect(r.body).toBe('hello from orders /orders/1?x=2');
    }
    const { body: rev } = await api('GET', '/api/v1/config/revision');
    for (const gw of gws) expect(await gw.status()).toMatchObject({ revision: rev.revision, hash: rev.hash });
  });

  it('reports both gateways in sync on /api/v1/nodes', async () => {
    const nodes = await eventually(async () => {
      const { body } = await api('GET', '/api/v1/nodes');
      const synced = body.data.filter((n: { inSync: boolean }) => n.inSync);
      return synced.length === 2 && body.data;
    });
    expect(nodes.map((n: { revision: number }) => n.revision)).toEqual([expect.any(Number), expect.any(Number)]);
  });

  it('still converges with Redis stopped (SSE stream / reconcile poll)', async () => {
    await redis.stop();
    const res = await api('POST', '/api/v1/tenants/default/routes', { name: 'no-redis', service: 'orders', paths: ['/no-redis'], stripPath: true });
    expect(res.status).toBe(201);
    for (const gw of gws) {
      const r = await eventually(async () => {
        const out = await through(gw, '/no-redis/a');
        return out.status === 200 && out;
      });
      expect(r.body).toBe('hello from orders /a');
    }
    await redis.start();
  });

  it('a gateway restarted while the control plane is down serves its last-known-good config', async () => {
    const [gw] = gws;
    const before = await gw.status();
    await cp.stop();
    await gw.stop();
    const again = await startGateway({ controlPlaneUrl: cp.url, clusterToken: cp.clusterToken, redisUrl: redis.url, dataDir: gw.dataDir });
    gws[0] = again;
    expect(await again.status()).toMatchObject({ revision: before.revision, hash: before.hash });
    const r = await through(again, '/orders/after-restart');
    expect(r).toEqual({ status: 200, body: 'hello from orders /orders/after-restart' });
  });
});
