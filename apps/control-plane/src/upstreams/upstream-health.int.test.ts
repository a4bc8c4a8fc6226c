import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';

/**
 * Upstream health through a real control plane receiving heartbeats: the batch read of a list page, and the
 * history kept in Postgres (it survives a restart of the control plane, the console's reload). Sample intervals
 * of an hour, so the heartbeats of one test land in one interval.
 */
const HOUR = 3_600_000;
const env = { AYA_HEALTH_SAMPLE_MS: String(HOUR) };
let databaseUrl: string;
let cp: ControlPlane;
let api: ReturnType<typeof apiClient>;
let db: Client;
let pool: { id: string };
let theirs: { id: string };

const report = (upstreamId: string, target: string, state: string, latencyMs: number | null) => ({
  upstreamId,
  target,
  state,
  consecutiveFailures: state === 'healthy' ? 0 : 3,
  active: 0,
  latencyMs,
  since: '2026-01-01T00:00:00.000Z',
});
const beat = async (nodeId: string, health: unknown[]) => {
  const res = await apiClient(cp.url, cp.clusterToken)('POST', '/internal/v1/nodes/heartbeat', { nodeId, hostname: 'gw', revision: 0, hash: 'x', version: 'test', health });
  expect(res.status).toBe(204);
};

interface Sample {
  at: string;
  state: string;
  latencyMs: number | null;
}
const historyOf = async (path: string) => {
  const res = await api<{ history: Array<{ target: string; samples: Sample[] }>; sampleMs: number }>('GET', path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.sampleMs).toBe(HOUR);
  return Object.fromEntries(res.body.history.map((h) => [h.target, h.samples]));
};

beforeAll(async () => {
  databaseUrl = await createDatabase();
  cp = await startControlPlane({ databaseUrl, env });
  api = apiClient(cp.url, cp.adminToken);
  pool = (await api('POST', '/api/v1/tenants/default/upstreams', { name: 'pool', targets: [{ target: '10.0.0.1:80' }, { target: '10.0.0.2:80' }] })).body;
  expect((await api('POST', '/api/v1/tenants', { slug: 'other', name: 'Other' })).status).toBe(201);
  theirs = (await api('POST', '/api/v1/tenants/other/upstreams', { name: 'theirs', targets: [{ target: '10.9.9.9:80' }] })).body;
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
}, 120_000);
afterAll(async () => {
  await db?.end();
  expect(await cp?.stop()).toBe(0);
});

describe('upstream health history', () => {
  it('keeps the worst state of an interval per node, the mean latency over nodes, and survives a restart', async () => {
    // the heartbeats below must land in one interval: never start them in the last 30 s of an hour
    const toHour = HOUR - (Date.now() % HOUR);
    if (toHour < 30_000) await new Promise((resolve) => setTimeout(resolve, toHour + 100));
    await beat('gw-a', [report(pool.id, '10.0.0.1:80', 'healthy', 10), report(pool.id, '10.0.0.2:80', 'healthy', 5), report(theirs.id, '10.9.9.9:80', 'open', 1)]);
    await beat('gw-b', [report(pool.id, '10.0.0.1:80', 'healthy', 30), report('not-a-uuid', 'x:1', 'open', 1)]);
    // gw-a saw the target fail and recover within the interval: the interval keeps the failure
    await beat('gw-a', [report(pool.id, '10.0.0.1:80', 'unhealthy', 50), report(pool.id, '10.0.0.2:80', 'healthy', 5)]);
    await beat('gw-a', [report(pool.id, '10.0.0.1:80', 'healthy', 50), report(pool.id, '10.0.0.2:80', 'healthy', 5)]);

    const expected = {
      '10.0.0.1:80': [{ at: expect.any(String), state: 'unhealthy', latencyMs: 40 }],
      '10.0.0.2:80': [{ at: expect.any(String), state: 'healthy', latencyMs: 5 }],
    };
    expect(await historyOf('/api/v1/tenants/default/upstreams/pool/health')).toEqual(expected);
    // a reload of the console is a new request; a restart of the control plane keeps it too
    expect(await cp.stop()).toBe(0);
    cp = await startControlPlane({ databaseUrl, env, adminToken: cp.adminToken, clusterToken: cp.clusterToken });
    api = apiClient(cp.url, cp.adminToken);
    expect(await historyOf(`/api/v1/tenants/default/upstreams/${pool.id}/health`)).toEqual(expected);
    expect(await historyOf('/api/v1/tenants/other/upstreams/theirs/health')).toEqual({ '10.9.9.9:80': [{ at: expect.any(String), state: 'open', latencyMs: 1 }] });
  }, 120_000);

  it('keeps the last 60 intervals: older samples are pruned as heartbeats come in', async () => {
    const insert = (hoursAgo: number) =>
      db.query(`INSERT INTO target_health_samples (upstream_id, target, node_id, at, state, latency_ms) VALUES ($1, '10.0.0.2:80', 'gw-old', date_trunc('hour', now()) - make_interval(hours => $2), 'open', 7)`, [pool.id, hoursAgo]);
    await insert(70);
    await insert(60);
    await insert(2);
    // the restarted control plane prunes at its first heartbeat
    await beat('gw-a', [report(pool.id, '10.0.0.2:80', 'healthy', 5)]);
    const kept = await db.query<{ h: number }>(`SELECT extract(epoch FROM date_trunc('hour', now()) - at)::int / 3600 AS h FROM target_health_samples WHERE node_id = 'gw-old' ORDER BY h`);
    expect(kept.rows.map((r) => r.h)).toEqual([2]);
    const samples = (await historyOf('/api/v1/tenants/default/upstreams/pool/health'))['10.0.0.2:80'] ?? [];
    expect(samples.map((s) => s.state)).toEqual(['open', 'healthy']);
    expect(Date.parse(samples[1]?.at ?? '') - Date.parse(samples[0]?.at ?? '')).toBe(2 * HOUR);
  });
});

describe('GET /tenants/{t}/upstream-health?ids= (a list page in one call)', () => {
  const batch = (tenant: string, ids: string) => api<{ data: Array<{ upstreamId: string; targets: Array<{ target: string; state: string }> }> }>('GET', `/api/v1/tenants/${tenant}/upstream-health?ids=${ids}`);

  it("answers the tenant's upstreams asked for, in the order asked, never another tenant's", async () => {
    await beat('gw-a', [report(pool.id, '10.0.0.1:80', 'half-open', 10), report(theirs.id, '10.9.9.9:80', 'open', 1)]);
    const idle = (await api('POST', '/api/v1/tenants/default/upstreams', { name: 'idle', targets: [{ target: '10.0.0.3:80' }] })).body;
    const mine = await batch('default', `${idle.id},${theirs.id},${pool.id.toUpperCase()},${idle.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual([
      { upstreamId: idle.id, targets: [] },
      { upstreamId: pool.id, targets: [expect.objectContaining({ target: '10.0.0.1:80', state: 'half-open' })] },
    ]);
    const other = await batch('other', `${pool.id},${theirs.id}`);
    expect(other.body.data.map((u) => [u.upstreamId, u.targets.map((t) => t.state)])).toEqual([[theirs.id, ['open']]]);
    // and the single read of another tenant's upstream is a 404, history and all
    expect((await api('GET', `/api/v1/tenants/other/upstreams/${pool.id}/health`)).status).toBe(404);
  });

  it('refuses a missing or malformed id list with a detail at ids', async () => {
    for (const query of ['', '?ids=', '?ids=pool', `?ids=${pool.id}&extra=1`, `?ids=${Array.from({ length: 101 }, () => pool.id).join(',')}`]) {
      const res = await api<{ error: { code: string; details?: Array<{ path: string }> } }>('GET', `/api/v1/tenants/default/upstream-health${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('AYA_CP_VALIDATION');
    }
    const bad = await api<{ error: { details: Array<{ path: string }> } }>('GET', '/api/v1/tenants/default/upstream-health?ids=pool');
    expect(bad.body.error.details.map((d) => d.path)).toEqual([expect.stringMatching(/^ids/)]);
    expect((await api('GET', `/api/v1/tenants/nope/upstream-health?ids=${pool.id}`)).status).toBe(404);
  });
});
