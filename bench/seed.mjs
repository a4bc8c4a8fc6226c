// Seeds N routes. Through the admin API first (parallel clients; the product serializes writers),
// measuring the rate; when the time budget runs out, the rest is inserted with one SQL statement and one
// more API write publishes the result. The report says how many went which way.
import { waitRevision } from './cluster.mjs';

const SEED_CONCURRENCY = 8;

export async function seedRoutes(cluster, { routes, budgetS, serviceName, log }) {
  const t0 = performance.now();
  const deadline = t0 + budgetS * 1000;
  const windows = []; // [routesSoFar, msSoFar, write latency ms] every 250 routes
  let next = 0;
  let done = 0;
  let lastLatency = 0;
  const worker = async () => {
    while (next < routes && performance.now() < deadline) {
      const i = next++;
      const s = performance.now();
      await cluster.must('POST', '/tenants/default/routes', { name: `seed-${i}`, service: serviceName, paths: [`/seed/${i}`] }, 201);
      lastLatency = performance.now() - s;
      done++;
      if (done % 250 === 0) {
        const ms = performance.now() - t0;
        windows.push({ routes: done, ms: Math.round(ms), writeMs: Math.round(lastLatency) });
        if (done % 1000 === 0) log(`  seeded ${done}/${routes} through the API in ${(ms / 1000).toFixed(1)}s (last write ${Math.round(lastLatency)} ms)`);
      }
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  const apiMs = performance.now() - t0;
  const viaApi = done;
  let viaSql = 0;
  if (viaApi < routes) {
    viaSql = routes - viaApi;
    log(`  API seeding budget (${budgetS}s) used at ${viaApi} routes; inserting the other ${viaSql} with one SQL statement`);
    await sqlInsert(cluster.pg.url, serviceName, viaApi, routes);
    // the next admin write rebuilds every item digest (config_state.hash = '' asks for that) and publishes them
    await cluster.must('POST', '/tenants/default/routes', { name: 'seed-publish', service: serviceName, paths: ['/seed-publish'] }, 201);
  }
  const { revision } = await cluster.must('GET', '/config/revision', undefined, 200);
  log(`  waiting for both gateways to apply revision ${revision}`);
  await waitRevision(cluster, revision);
  const totalMs = performance.now() - t0;
  return {
    routes, viaApi, viaSql, concurrency: SEED_CONCURRENCY,
    apiSeconds: +(apiMs / 1000).toFixed(1), apiRoutesPerSecond: +(viaApi / (apiMs / 1000)).toFixed(1),
    totalSecondsUntilServed: +(totalMs / 1000).toFixed(1), progress: windows,
  };
}

async function sqlInsert(databaseUrl, serviceName, from, to) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO routes (tenant_id, service_id, name, paths, updated_at)
       SELECT s.tenant_id, s.id, 'seed-' || g, ARRAY['/seed/' || g], now()
       FROM services s JOIN tenants t ON t.id = s.tenant_id, generate_series($2::int, $3::int - 1) g
       WHERE t.slug = 'default' AND s.name = $1`,
      [serviceName, from, to],
    );
    // rows written behind the control plane's back: make its next write a full sync (see ConfigWriter)
    await client.query(`UPDATE config_state SET hash = '' WHERE id = 1`);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
