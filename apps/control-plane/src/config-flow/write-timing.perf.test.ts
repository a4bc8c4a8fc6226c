import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';

/**
 * A timing script, not a gate: seeds 10,000 routes with one SQL statement (as bench/seed.mjs does), then times
 * 20 admin writes through the API and prints p50/p99. Timings are never asserted (shared CI cores).
 */
const ROUTES = 10_000;
const WRITES = 20;

let cp: ControlPlane;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  const databaseUrl = await createDatabase();
  cp = await startControlPlane({ databaseUrl });
  api = apiClient(cp.url, cp.adminToken);
  expect((await api('POST', '/api/v1/tenants/default/services', { name: 'seed-svc', url: 'http://127.0.0.1:9' })).status).toBe(201);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO routes (tenant_id, service_id, name, paths, updated_at)
       SELECT s.tenant_id, s.id, 'seed-' || g, ARRAY['/seed/' || g], now()
       FROM services s JOIN tenants t ON t.id = s.tenant_id, generate_series(0, $1::int - 1) g
       WHERE t.slug = 'default' AND s.name = 'seed-svc'`,
      [ROUTES],
    );
  } finally {
    await client.end();
  }
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

describe(`admin write timing at ${ROUTES} routes`, () => {
  it('times admin writes through the API', async () => {
    const ms: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const t0 = performance.now();
      const res = await api('POST', '/api/v1/tenants/default/routes', { name: `timed-${i}`, service: 'seed-svc', paths: [`/timed/${i}`] });
      ms.push(performance.now() - t0);
      expect(res.status).toBe(201);
    }
    const sorted = [...ms].sort((a, b) => a - b);
    console.log(`[write-timing] ${ROUTES} routes, ${WRITES} writes: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`);
    const cfg = await api('GET', '/internal/v1/config');
    expect(cfg.status).toBe(401); // admin token is not the cluster token: the endpoint stays closed
  }, 300_000);
});
