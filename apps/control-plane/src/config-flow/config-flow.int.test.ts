import { configDeltaSchema, configResponseSchema, snapshotSchema, type RevisionNotice } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, eventually, startControlPlane, startRedis, type ControlPlane, type TestRedis } from '../../../../test/harness';
import { openSse, type SseStream } from './sse-client.test-util';

let databaseUrl: string;
let redis: TestRedis;
let cpA: ControlPlane;
let cpB: ControlPlane;
let api: ReturnType<typeof apiClient>;
const streams: SseStream[] = [];

beforeAll(async () => {
  databaseUrl = await createDatabase();
  redis = await startRedis();
  // two control planes on one database, started together: migrations and bootstrap must not race
  const clusterToken = 'cluster-token-for-tests-0001';
  [cpA, cpB] = await Promise.all([
    startControlPlane({ databaseUrl, redisUrl: redis.url, clusterToken }),
    startControlPlane({ databaseUrl, redisUrl: redis.url, clusterToken }),
  ]);
  api = apiClient(cpA.url, cpA.adminToken);
});
afterAll(async () => {
  for (const s of streams) s.close();
  expect(await cpA?.stop()).toBe(0);
  expect(await cpB?.stop()).toBe(0);
  await redis?.stop();
});

const internal = (cp: ControlPlane) => apiClient(cp.url, cp.clusterToken);

describe('config flow', () => {
  it('bootstraps once: one admin password, revision 0 is the empty config with its hash', async () => {
    expect([cpA.initialAdminPassword, cpB.initialAdminPassword].filter(Boolean)).toHaveLength(1);
    const res = await internal(cpA)('GET', '/internal/v1/config');
    expect(res.status).toBe(200);
    const cfg = configResponseSchema.parse(res.body);
    expect(cfg.revision).toBe(0);
    expect(snapshotHash(cfg.snapshot)).toBe(cfg.hash);
    expect((await internal(cpA)('GET', '/internal/v1/config?after=0')).status).toBe(204);
  });

  it('bumps the revision on a write; the pulled snapshot verifies against its hash', async () => {
    const before = (await api('GET', '/api/v1/config/revision')).body as RevisionNotice;
    await api('POST', '/api/v1/tenants/default/upstreams', { name: 'pool', targets: [{ target: '127.0.0.1:9001', weight: 3 }] });
    await api('POST', '/api/v1/tenants/default/services', { name: 'svc', url: 'upstream://pool/base' });
    const route = await api('POST', '/api/v1/tenants/default/routes', { name: 'r', service: 'svc', paths: ['/cf'] });
    const after = (await api('GET', '/api/v1/config/revision')).body as RevisionNotice;
    expect(after.revision).toBe(before.revision + 3);

    const res = await internal(cpB)('GET', `/internal/v1/config?after=${before.revision}`);
    expect(res.status).toBe(200);
    const cfg = configResponseSchema.parse(res.body);
    expect(cfg).toMatchObject({ revision: after.revision, hash: after.hash });
    expect(snapshotHash(snapshotSchema.parse(cfg.snapshot))).toBe(cfg.hash);
    const up = cfg.snapshot.upstreams.find((u) => u.name === 'pool');
    expect(up?.targets).toEqual([{ host: '127.0.0.1', port: 9001, weight: 3 }]);
    expect(cfg.snapshot.services.find((s) => s.name === 'svc')).toMatchObject({ upstreamId: up?.id, host: null, path: '/base' });
    expect(cfg.snapshot.routes.find((r) => r.name === 'r')).toMatchObject({ id: route.body.id, tenant: 'default' });
  });

  it('serves the changes since a revision: applied to its snapshot they give the current one, hash and all', async () => {
    const before = (await api('GET', '/api/v1/config/revision')).body as RevisionNotice;
    const old = configResponseSchema.parse((await internal(cpA)('GET', '/internal/v1/config')).body).snapshot;
    await api('PATCH', '/api/v1/tenants/default/routes/r', { paths: ['/cf', '/cf2'] });
    await api('POST', '/api/v1/tenants/default/routes', { name: 'tmp', service: 'svc', paths: ['/tmp'] });
    await api('PATCH', '/api/v1/tenants/default/routes/tmp', { stripPath: true });
    await api('DELETE', '/api/v1/tenants/default/routes/tmp');
    await api('POST', '/api/v1/tenants', { slug: 'other', name: 'Other' }); // a revision that changes no item
    const now = (await api('GET', '/api/v1/config/revision')).body as RevisionNotice;
    expect(now.revision).toBe(before.revision + 5);

    const res = await internal(cpB)('GET', `/internal/v1/config/changes?after=${before.revision}`);
    expect(res.status).toBe(200);
    const delta = configDeltaSchema.parse(res.body);
    expect(delta).toMatchObject({ from: before.revision, revision: now.revision, hash: now.hash });
    // one change per item, the last wins: tmp was created, changed and deleted in between
    expect(delta.changes.map((c) => [c.kind, c.item === null ? 'delete' : c.item.name])).toEqual([
      ['route', 'r'],
      ['route', 'delete'],
    ]);
    const routes = new Map(old.routes.map((r) => [r.id, r as unknown]));
    for (const c of delta.changes) {
      if (c.item === null) routes.delete(c.id);
      else routes.set(c.id, c.item);
    }
    const applied = snapshotSchema.parse({ ...old, routes: [...routes.values()] });
    expect(snapshotHash(applied)).toBe(now.hash);
    const whole = configResponseSchema.parse((await internal(cpA)('GET', '/internal/v1/config')).body);
    expect(whole).toMatchObject({ revision: now.revision, hash: now.hash });
    expect(snapshotHash(whole.snapshot)).toBe(now.hash);

    expect((await internal(cpA)('GET', `/internal/v1/config/changes?after=${now.revision}`)).status).toBe(204);
    expect((await internal(cpA)('GET', '/internal/v1/config/changes')).status).toBe(400);
    expect((await internal(cpA)('GET', '/internal/v1/config/changes?after=-1')).status).toBe(400);
    // revision 1's changes pruned (as past KEEP_REVISIONS): from 0 only the whole config will do
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await db.query('DELETE FROM config_revisions WHERE revision = 1');
    } finally {
      await db.end();
    }
    const gone = await internal(cpA)('GET', '/internal/v1/config/changes?after=0');
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('AYA_CP_DELTA_UNAVAILABLE');
    expect((await internal(cpA)('GET', '/internal/v1/config/changes?after=1')).status).toBe(200);
  });

  it('a failed write changes nothing', async () => {
    const before = (await api('GET', '/api/v1/config/revision')).body as RevisionNotice;
    expect((await api('POST', '/api/v1/tenants/default/routes', { name: 'r-dup', service: 'svc', paths: ['/cf'] })).status).toBe(409);
    expect((await api('DELETE', '/api/v1/tenants/default/services/svc')).status).toBe(409);
    expect((await api('POST', '/api/v1/tenants/default/routes', { name: 'r', service: 'svc', paths: ['/new'] })).status).toBe(409);
    expect((await api('GET', '/api/v1/config/revision')).body).toEqual(before);
    expect((await api('GET', '/api/v1/tenants/default/routes')).body.data.map((r: { name: string }) => r.name)).toEqual(['r']);
  });

  it('pushes the new revision over SSE on every control plane and over Redis', async () => {
    const sseA = await openSse(`${cpA.url}/internal/v1/config/events`, cpA.clusterToken);
    const sseB = await openSse(`${cpB.url}/internal/v1/config/events`, cpB.clusterToken);
    streams.push(sseA, sseB);
    const current = (await api('GET', '/api/v1/config/revision')).body as RevisionNotice;
    // the first event is the current revision, sent on connect
    expect(await sseA.next()).toEqual(current);
    expect(await sseB.next()).toEqual(current);

    const sub = new Redis(redis.url);
    const fromRedis: RevisionNotice[] = [];
    await sub.subscribe('aya:config');
    sub.on('message', (_channel: string, message: string) => fromRedis.push(JSON.parse(message) as RevisionNotice));

    await api('PATCH', '/api/v1/tenants/default/services/svc', { retries: 3 });
    const now = (await api('GET', '/api/v1/config/revision')).body as RevisionNotice;
    expect(now.revision).toBe(current.revision + 1);
    // the revision's (small) changes ride along, so a gateway one revision behind needs no pull
    const changed = [{ kind: 'service', id: expect.any(String), item: expect.objectContaining({ name: 'svc', retries: 3 }) }];
    expect(await sseA.next()).toEqual({ ...now, changes: changed });
    expect(await sseB.next()).toEqual({ ...now, changes: changed }); // written through A, announced by B: pg_notify crossed over
    await eventually(async () => fromRedis.some((n) => n.revision === now.revision && n.hash === now.hash && n.changes?.length === 1));
    await sub.quit();
  });

  it('refuses the internal endpoints without the cluster token', async () => {
    expect((await apiClient(cpA.url)('GET', '/internal/v1/config')).status).toBe(401);
    expect((await apiClient(cpA.url, 'x'.repeat(28))('GET', '/internal/v1/config/events')).status).toBe(401);
    expect((await apiClient(cpA.url)('POST', '/internal/v1/nodes/heartbeat', {})).status).toBe(401);
  });

  it('records heartbeats and reports which nodes are in sync', async () => {
    const current = (await api('GET', '/api/v1/config/revision')).body as RevisionNotice;
    const beat = (nodeId: string, n: RevisionNotice) =>
      internal(cpB)('POST', '/internal/v1/nodes/heartbeat', { nodeId, hostname: 'gw-host', version: '0.1.0', stats: { rps: 1 }, ...n });
    expect((await beat('gw-1', current)).status).toBe(204);
    expect((await beat('gw-2', { revision: current.revision - 1, hash: 'old' })).status).toBe(204);
    expect((await internal(cpB)('POST', '/internal/v1/nodes/heartbeat', { nodeId: 'bad' })).status).toBe(400);
    const nodes = (await api('GET', '/api/v1/nodes')).body.data as Array<{ id: string; inSync: boolean; revision: number }>;
    expect(nodes.find((n) => n.id === 'gw-1')).toMatchObject({ inSync: true, revision: current.revision, hostname: 'gw-host' });
    expect(nodes.find((n) => n.id === 'gw-2')).toMatchObject({ inSync: false });
  });
});
