import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';

// Postgres refuses NUL in text/jsonb and a lone surrogate's escape in jsonb: before the global TextSafetyPipe each
// of these reached the database and answered 500 AYA_CP_INTERNAL.
let cp: ControlPlane;
let db: Client;
let api: ReturnType<typeof apiClient>;
const base = '/api/v1/tenants/default';

beforeAll(async () => {
  const databaseUrl = await createDatabase();
  cp = await startControlPlane({ databaseUrl });
  api = apiClient(cp.url, cp.adminToken);
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
  expect((await api('POST', `${base}/services`, { name: 's1', url: 'http://127.0.0.1:9' })).status).toBe(201);
  expect((await api('POST', `${base}/upstreams`, { name: 'u1', targets: [{ target: '127.0.0.1:9001' }] })).status).toBe(201);
});
afterAll(async () => {
  await db?.end();
  expect(await cp?.stop()).toBe(0);
});

/** Every row an admin write touches, so a test can show that a refused request wrote nothing at all. */
async function dbState(): Promise<unknown> {
  const { rows } = await db.query(`SELECT
    (SELECT revision FROM config_state) AS revision,
    (SELECT count(*) FROM audit_events) AS audits,
    (SELECT json_agg(t ORDER BY slug) FROM (SELECT slug, name FROM tenants) t) AS tenants,
    (SELECT json_agg(s ORDER BY name) FROM (SELECT name, url, options FROM services) s) AS services,
    (SELECT json_agg(u ORDER BY name) FROM (SELECT name, targets, options FROM upstreams) u) AS upstreams,
    (SELECT count(*) FROM routes) AS routes,
    (SELECT count(*) FROM sessions) AS sessions`);
  return rows[0];
}

const activeCheck = (path: string) => ({ active: { type: 'http', path, intervalMs: 1000, timeoutMs: 500, healthyThreshold: 1, unhealthyThreshold: 1 } });

const cases: Array<[string, string, string, unknown, string]> = [
  ['tenant name', 'POST', '/api/v1/tenants', { slug: 'acme', name: 'Ac\u0000me' }, 'name'],
  ['tenant rename', 'PATCH', '/api/v1/tenants/default', { name: '\ud800' }, 'name'],
  ['service tlsServerName', 'POST', `${base}/services`, { name: 's2', url: 'http://127.0.0.1:9', tlsServerName: 'api\u0000.internal' }, 'tlsServerName'],
  ['service patch option', 'PATCH', `${base}/services/s1`, { tlsServerName: 'x\udc00' }, 'tlsServerName'],
  ['health-check path', 'POST', `${base}/upstreams`, { name: 'u2', targets: [{ target: '127.0.0.1:9001' }], healthChecks: activeCheck('/h\ud800') }, 'healthChecks.active.path'],
  ['upstream target (array item)', 'PUT', `${base}/upstreams/u1`, { name: 'u1', targets: [{ target: '127.0.0.1:9\u0000' }] }, 'targets.0.target'],
  ['route header predicate name (map key)', 'POST', `${base}/routes`, { name: 'r1', service: 's1', paths: ['/r'], headers: { 'x-v\u0000': ['a'] } }, 'headers.x-v\\u0000'],
  ['route header predicate value', 'POST', `${base}/routes`, { name: 'r1', service: 's1', paths: ['/r'], headers: { 'x-v': ['a', 'b\ud800'] } }, 'headers.x-v.1'],
  ['sign-in username', 'POST', '/api/v1/auth/login', { username: 'admin\u0000', password: 'whatever' }, 'username'],
  ['path parameter (tenant)', 'GET', '/api/v1/tenants/def%00ault/services', undefined, 'tenant'],
  ['path parameter (id)', 'DELETE', `${base}/services/s1%00`, undefined, 'id'],
  ['path parameter of a write', 'PATCH', `${base}/upstreams/u%001`, { algorithm: 'round-robin' }, 'id'],
  ['query parameter', 'GET', `${base}/routes?cursor=%00`, undefined, 'cursor'],
];

describe('text Postgres cannot store (NUL, lone surrogates)', () => {
  it.each(cases)('%s: 400 AYA_CP_VALIDATION naming the field, nothing written', async (_name, method, path, body, field) => {
    const before = await dbState();
    const res = await api(method, path, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('AYA_CP_VALIDATION');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(await dbState()).toEqual(before);
  });

  it('still stores ordinary text: control characters, emoji (surrogate pairs), non-ASCII', async () => {
    const res = await api('POST', '/api/v1/tenants', { slug: 'emoji', name: 'caf\u00e9 \ud83d\ude00 \u0001' });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('caf\u00e9 \ud83d\ude00 \u0001');
  });
});
