// Config propagation: time from an admin write until BOTH of two gateways serve the change, optionally
// with N routes already configured, the gateways' RSS at that size, and errors under load during changes.
// Usage: npm run bench:propagation [-- --changes 100] [--no-redis] [--routes 10000]
//        [--baseline-changes 50] [--changes-budget 150] [--load-changes 1000] [--load-budget 150]   (budgets in seconds)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCluster } from './cluster.mjs';
import { churnUnderLoad } from './churn.mjs';
import { percentile, ROOT } from './lib.mjs';
import { seedRoutes } from './seed.mjs';
import { ensureTools, rssMb } from './tools.mjs';

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: +percentile(s, 50).toFixed(1), p99: +percentile(s, 99).toFixed(1), max: +s[s.length - 1].toFixed(1) };
};

async function servedAt(gw, p) {
  for (;;) {
    const res = await fetch(gw + p);
    await res.arrayBuffer();
    if (res.status === 200) return performance.now();
    // a breath between polls: a tight loop on two cores steals the CPU the gateways need to apply the change
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Adds `count` routes one by one; each time, waits until both gateways serve it. */
async function measureChanges(cluster, { count, budgetS, prefix, log }) {
  const fromWrite = [];
  const fromResponse = [];
  const writeMs = [];
  const deadline = performance.now() + budgetS * 1000;
  for (let i = 0; i < count; i++) {
    if (performance.now() > deadline) {
      log(`  change budget (${budgetS}s) used after ${i} of ${count} changes`);
      break;
    }
    const p = `/${prefix}-${i}`;
    const t0 = performance.now();
    await cluster.must('POST', '/tenants/default/routes', { name: `${prefix}-${i}`, service: 'origin', paths: [p] }, 201);
    const t1 = performance.now();
    const done = Math.max(...(await Promise.all(cluster.gateways.map((g) => servedAt(g.url, p)))));
    fromWrite.push(done - t0);
    fromResponse.push(done - t1);
    writeMs.push(t1 - t0);
    if ((i + 1) % 25 === 0 || i + 1 === count) log(`  ${prefix}: ${i + 1}/${count} changes propagated (p50 so far ${stats(fromWrite).p50} ms from write start)`);
  }
  return { fromWrite, fromResponse, writeMs };
}

export async function runPropagation({ changes = 100, useRedis = true, routes = 0, changesBudgetS = Infinity, loadChanges = 0, loadBudgetS = Infinity, baselineChanges = 0, log = console.log } = {}) {
  ensureTools(log);
  log(`config propagation: ${routes} routes, ${changes} changes, 2 gateways, ${useRedis ? 'Redis pub/sub' : 'SSE (no Redis)'}`);
  const cluster = await startCluster({ useRedis, log });
  try {
    await cluster.must('POST', '/tenants/default/services', { name: 'origin', url: cluster.origin.url.replace(/\/$/, '') }, 201);
    // churn first, on the small config, so both sizes are measured in one run
    const small = baselineChanges > 0 ? await measureChanges(cluster, { count: baselineChanges, budgetS: Infinity, prefix: 'base', log }) : null;
    const churn = loadChanges > 0 ? await churnUnderLoad(cluster, { changes: loadChanges, budgetS: loadBudgetS, serviceName: 'origin', log }) : null;
    const seed = routes > 0 ? await seedRoutes(cluster, { routes, serviceName: 'origin', log }) : null;
    if (seed) log(`  seeded ${routes} routes with one config apply in ${seed.applySeconds}s (${seed.routesPerSecond} routes/s), served after ${seed.totalSecondsUntilServed}s`);

    const main = await measureChanges(cluster, { count: changes, budgetS: changesBudgetS, prefix: 'bench', log });
    const { fromWrite } = main;
    const rss = { gatewaysMb: cluster.gateways.map((g) => rssMb(g.pid)), controlPlaneMb: rssMb(cluster.cpPid) };
    const configuredRoutes = routes + fromWrite.length;
    log(`  RSS with ${configuredRoutes} routes: gateways ${rss.gatewaysMb.join(' / ')} MB, control plane ${rss.controlPlaneMb} MB`);
    return {
      at: new Date().toISOString(), machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`,
      transport: useRedis ? 'redis' : 'sse', routes, changes, changesDone: fromWrite.length, changesBudgetS, configuredRoutes,
      fromWriteStartMs: stats(main.fromWrite), fromWriteResponseMs: stats(main.fromResponse), adminWriteMs: stats(main.writeMs),
      baseline: small && { changes: baselineChanges, fromWriteStartMs: stats(small.fromWrite), fromWriteResponseMs: stats(small.fromResponse), adminWriteMs: stats(small.writeMs) },
      rss, seed, churn,
    };
  } finally {
    await cluster.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const num = (flag, dflt) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : dflt);
  const result = await runPropagation({
    changes: num('--changes', 100), useRedis: !args.includes('--no-redis'), routes: num('--routes', 0),
    changesBudgetS: num('--changes-budget', Infinity),
    baselineChanges: num('--baseline-changes', 0), loadChanges: num('--load-changes', 0), loadBudgetS: num('--load-budget', Infinity),
  });
  console.table({ 'from write start': result.fromWriteStartMs, 'after write response': result.fromWriteResponseMs, 'admin write': result.adminWriteMs });
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  const name = `propagation-${result.transport}${result.routes ? `-${result.routes}-routes` : ''}.json`;
  fs.writeFileSync(path.join(ROOT, 'bench/results', name), JSON.stringify(result, null, 2) + '\n');
  process.exit(0);
}
