import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, eventually, startControlPlane, startRedis, type ControlPlane, type TestRedis } from '../../../../test/harness';

// Two control planes on one database and one Redis: the BullMQ repeatable job prunes for both.
let redis: TestRedis;
let cps: ControlPlane[] = [];
let db: Client;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  const databaseUrl = await createDatabase();
  redis = await startRedis();
  const env = { AYA_MAINTENANCE_INTERVAL_MS: '300', AYA_CONFIG_HISTORY_REVISIONS: '100' };
  const first = await startControlPlane({ databaseUrl, redisUrl: redis.url, env });
  const second = await startControlPlane({ databaseUrl, redisUrl: redis.url, env, adminToken: first.adminToken, clusterToken: first.clusterToken });
  cps = [first, second];
  api = apiClient(first.url, first.adminToken);
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  for (const cp of cps) expect(await cp.stop()).toBe(0);
  await redis?.stop();
});

const heartbeat = (cp: ControlPlane, nodeId: string) =>
  fetch(`${cp.url}/internal/v1/nodes/heartbeat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cp.clusterToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ nodeId, hostname: 'h', revision: 0, hash: '', version: 'test' }),
  });

describe('maintenance job (BullMQ)', () => {
  it('runs on BullMQ when REDIS_URL is set', () => {
    for (const cp of cps) expect(cp.logs()).toContain('maintenance bullmq');
  });

  it('forgets a gateway node not seen for AYA_NODE_RETENTION_HOURS and keeps a live one', async () => {
    expect((await heartbeat(cps[0], 'live-node')).status).toBe(204);
    const inserted = await db.query(
      `INSERT INTO gateway_nodes (id, hostname, version, revision, hash, last_seen_at)
       VALUES ('stale-node', 'old', 'test', 0, '', now() - interval '25 hours')`,
    );
    expect(inserted.rowCount).toBe(1);
    await eventually(async () => {
      const ids = ((await api('GET', '/api/v1/nodes')).body.data as Array<{ id: string }>).map((n) => n.id);
      return !ids.includes('stale-node') && ids.includes('live-node');
    });
  });

  it('prunes audit events past AYA_AUDIT_RETENTION_DAYS and revisions (with their row history) beyond AYA_CONFIG_HISTORY_REVISIONS', async () => {
    expect((await api('POST', '/api/v1/tenants', { slug: 'kept', name: 'Kept' })).status).toBe(201);
    await db.query(
      `INSERT INTO audit_events (actor_kind, actor_id, actor_name, action, resource_type, resource_id, revision, created_at)
       VALUES ('env', 'admin-token', 'old', 'create', 'tenant', 'x', 0, now() - interval '91 days')`,
    );
    // older than every real revision: 150 extra rows, so only the newest 100 of all may stay
    await db.query(
      `INSERT INTO config_revisions (revision, hash, changes_text) SELECT -g, 'h', '[]' FROM generate_series(1, 150) g`,
    );
    await db.query(`INSERT INTO config_row_changes (revision, table_name, row_key) SELECT -g, 'routes', 'x' FROM generate_series(1, 150) g`);
    await eventually(async () => {
      const audit = await db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE actor_name = 'old'`);
      const revisions = await db.query<{ n: string; newest: number }>(`SELECT count(*) AS n, max(revision) AS newest FROM config_revisions`);
      const orphans = await db.query<{ n: string }>(`SELECT count(*) AS n FROM config_row_changes WHERE revision < (SELECT min(revision) FROM config_revisions)`);
      return audit.rows[0].n === '0' && revisions.rows[0].n === '100' && revisions.rows[0].newest > 0 && orphans.rows[0].n === '0';
    });
    const kept = await db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE actor_name <> 'old'`);
    expect(Number(kept.rows[0].n)).toBeGreaterThan(0);
    expect((await api('GET', '/api/v1/config/revision')).body.revision).toBeGreaterThan(0);
  });
});
