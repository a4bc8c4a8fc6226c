// Errors seen by a steady client load while the config changes N times (target: zero).
// Changes alternate: add/remove a route that is not under load, and change the loaded route's service
// timeout (which swaps the very tables the load is using).
import { Pool } from 'undici';
import { waitRevision } from './cluster.mjs';

const CLIENTS_PER_GATEWAY = 4;

function startLoad(gateways, path) {
  const stats = { requests: 0, non200: 0, socketErrors: 0, statuses: {}, errorCodes: {} };
  let running = true;
  const pools = gateways.map((g) => new Pool(g.url, { connections: CLIENTS_PER_GATEWAY, pipelining: 1 }));
  const loop = async (pool) => {
    while (running) {
      try {
        const res = await pool.request({ path, method: 'GET' });
        await res.body.dump();
        stats.requests++;
        if (res.statusCode !== 200) {
          stats.non200++;
          stats.statuses[res.statusCode] = (stats.statuses[res.statusCode] ?? 0) + 1;
        }
      } catch (err) {
        stats.socketErrors++;
        const code = err?.code ?? err?.name ?? 'error';
        stats.errorCodes[code] = (stats.errorCodes[code] ?? 0) + 1;
      }
    }
  };
  const loops = pools.flatMap((p) => Array.from({ length: CLIENTS_PER_GATEWAY }, () => loop(p)));
  return {
    stats,
    async stop() {
      running = false;
      await Promise.all(loops);
      await Promise.all(pools.map((p) => p.close()));
    },
  };
}

export async function churnUnderLoad(cluster, { changes, budgetS = Infinity, serviceName, log }) {
  await cluster.must('POST', '/tenants/default/services', { name: 'load-svc', url: cluster.origin.url.replace(/\/$/, '') }, 201);
  await cluster.must('POST', '/tenants/default/routes', { name: 'load', service: 'load-svc', paths: ['/load'] }, 201);
  const { revision: before } = await cluster.must('GET', '/config/revision', undefined, 200);
  await waitRevision(cluster, before);

  const load = startLoad(cluster.gateways, '/load');
  const t0 = performance.now();
  let churnRouteExists = false;
  let done = 0;
  for (let i = 0; i < changes; i++) {
    if (performance.now() - t0 > budgetS * 1000) {
      log(`  change budget (${budgetS}s) used after ${i} of ${changes} changes`);
      break;
    }
    if (i % 2 === 0) {
      if (churnRouteExists) await cluster.must('DELETE', '/tenants/default/routes/churn', undefined, 204);
      else await cluster.must('POST', '/tenants/default/routes', { name: 'churn', service: serviceName, paths: ['/churn'] }, 201);
      churnRouteExists = !churnRouteExists;
    } else {
      await cluster.must('PATCH', '/tenants/default/services/load-svc', { readTimeoutMs: 30_000 + (i % 1000) }, 200);
    }
    done++;
    if ((i + 1) % 100 === 0) {
      const s = load.stats;
      log(`  ${i + 1}/${changes} changes under load: ${s.requests} requests, ${s.non200} non-200, ${s.socketErrors} socket errors`);
    }
  }
  const writeMs = performance.now() - t0;
  const { revision } = await cluster.must('GET', '/config/revision', undefined, 200);
  await waitRevision(cluster, revision);
  await new Promise((r) => setTimeout(r, 500));
  await load.stop();
  const seconds = (performance.now() - t0) / 1000;
  return {
    changes, changesDone: done, budgetS, clients: CLIENTS_PER_GATEWAY * cluster.gateways.length, seconds: +seconds.toFixed(1),
    changesPerSecond: +(done / (writeMs / 1000)).toFixed(1), requests: load.stats.requests, requestsPerSecond: Math.round(load.stats.requests / seconds),
    non200: load.stats.non200, socketErrors: load.stats.socketErrors, statuses: load.stats.statuses, errorCodes: load.stats.errorCodes,
  };
}
