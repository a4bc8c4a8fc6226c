// Config propagation: time from an admin write until BOTH of two gateways serve the change.
// Usage: npm run bench:propagation [-- --changes 100] [-- --no-redis]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, node, origin, percentile, postgres, redisServer, ROOT, stopChildren, token, waitHttp } from './lib.mjs';

const args = process.argv.slice(2);
const changes = Number(args[args.indexOf('--changes') + 1]) || 100;
const useRedis = !args.includes('--no-redis');

const pg = await postgres();
const redis = useRedis ? await redisServer() : undefined;
const up = await origin();
const adminToken = token();
const clusterToken = token();
const adminPort = await freePort();
const cpUrl = `http://127.0.0.1:${adminPort}`;
node('apps/control-plane/dist/main.js', {
  DATABASE_URL: pg.url, REDIS_URL: redis?.url ?? '', AYA_ADMIN_PORT: String(adminPort), AYA_ADMIN_HOST: '127.0.0.1',
  AYA_ADMIN_TOKEN: adminToken, AYA_CLUSTER_TOKEN: clusterToken,
});
await waitHttp(`${cpUrl}/api/v1/health`);
const gateways = [];
for (let i = 0; i < 2; i++) {
  const proxy = await freePort();
  const status = await freePort();
  node('apps/gateway/dist/main.js', {
    AYA_CONTROL_PLANE_URL: cpUrl, AYA_CLUSTER_TOKEN: clusterToken, REDIS_URL: redis?.url ?? '',
    AYA_PROXY_PORT: String(proxy), AYA_PROXY_HOST: '127.0.0.1', AYA_STATUS_PORT: String(status),
    AYA_GATEWAY_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'aya-bench-gw-')),
  });
  await waitHttp(`http://127.0.0.1:${status}/status`);
  gateways.push(`http://127.0.0.1:${proxy}`);
}

const api = (method, p, body) =>
  fetch(`${cpUrl}/api/v1${p}`, { method, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
await api('POST', '/tenants/default/services', { name: 'origin', url: up.url });

async function servedAt(gw, p) {
  for (;;) {
    const res = await fetch(gw + p);
    await res.arrayBuffer();
    if (res.status === 200) return performance.now();
  }
}

const fromWrite = [];
const fromCommit = [];
process.stdout.write(`config propagation: ${changes} changes, 2 gateways, ${useRedis ? 'Redis pub/sub' : 'SSE (no Redis)'}\n`);
for (let i = 0; i < changes; i++) {
  const p = `/bench-${i}`;
  const t0 = performance.now();
  const res = await api('POST', '/tenants/default/routes', { name: `r${i}`, service: 'origin', paths: [p] });
  const t1 = performance.now();
  if (res.status !== 201) throw new Error(`write ${i} failed: ${res.status} ${await res.text()}`);
  const done = Math.max(...(await Promise.all(gateways.map((g) => servedAt(g, p)))));
  fromWrite.push(done - t0);
  fromCommit.push(done - t1);
  if ((i + 1) % 20 === 0) process.stdout.write(`  ${i + 1}/${changes}\n`);
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: +percentile(s, 50).toFixed(1), p99: +percentile(s, 99).toFixed(1), max: +s[s.length - 1].toFixed(1) };
};
const result = {
  at: new Date().toISOString(), machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`, changes,
  transport: useRedis ? 'redis' : 'sse',
  fromWriteStartMs: stats(fromWrite), fromWriteResponseMs: stats(fromCommit),
};
console.table({ 'from write start': result.fromWriteStartMs, 'after write response': result.fromWriteResponseMs });
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, `bench/results/propagation-${result.transport}.json`), JSON.stringify(result, null, 2) + '\n');
up.close();
await stopChildren();
await pg.stop();
process.exit(0);
