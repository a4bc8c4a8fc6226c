// A real cluster for the config benchmarks: embedded Postgres, optional Redis, one control plane,
// two gateways (built apps as child processes), and an nginx origin.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, node, postgres, redisServer, stopChildren, token, waitHttp } from './lib.mjs';
import { startNginx } from './tools.mjs';

export async function startCluster({ useRedis, gatewayCount = 2, log }) {
  log('  starting Postgres, control plane and gateways');
  const pg = await postgres();
  const redis = useRedis ? await redisServer() : undefined;
  const origin = await startNginx({ kind: 'origin', pinning: false });
  const adminToken = token();
  const clusterToken = token();
  const adminPort = await freePort();
  const cpUrl = `http://127.0.0.1:${adminPort}`;
  const cp = node('apps/control-plane/dist/main.js', {
    DATABASE_URL: pg.url, REDIS_URL: redis?.url ?? '', AYA_ADMIN_PORT: String(adminPort), AYA_ADMIN_HOST: '127.0.0.1',
    AYA_ADMIN_TOKEN: adminToken, AYA_CLUSTER_TOKEN: clusterToken,
  });
  await waitHttp(`${cpUrl}/api/v1/health`);
  const gateways = [];
  for (let i = 0; i < gatewayCount; i++) {
    const proxy = await freePort();
    const status = await freePort();
    const child = node('apps/gateway/dist/main.js', {
      AYA_CONTROL_PLANE_URL: cpUrl, AYA_CLUSTER_TOKEN: clusterToken, REDIS_URL: redis?.url ?? '',
      AYA_PROXY_PORT: String(proxy), AYA_PROXY_HOST: '127.0.0.1', AYA_STATUS_PORT: String(status),
      AYA_GATEWAY_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'aya-bench-gw-')),
      // one process per gateway (the throughput bench's shape too); no HTTPS listener (two would fight over 8443)
      AYA_GATEWAY_WORKERS: '1', AYA_PROXY_TLS_PORT: 'off',
    });
    await waitHttp(`http://127.0.0.1:${status}/status`);
    // the status port can be up before the proxy port: any answer (404 here) means it listens
    await waitHttp(`http://127.0.0.1:${proxy}/`, { anyStatus: true });
    gateways.push({ url: `http://127.0.0.1:${proxy}`, statusUrl: `http://127.0.0.1:${status}/status`, pid: child.pid });
  }

  const api = async (method, p, body) => {
    const res = await fetch(`${cpUrl}/api/v1${p}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const must = async (method, p, body, expected) => {
    const r = await api(method, p, body);
    if (r.status !== expected) throw new Error(`${method} ${p} -> ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const revisions = () => Promise.all(gateways.map(async (g) => (await (await fetch(g.statusUrl)).json()).revision));

  return {
    pg, cpUrl, cpPid: cp.pid, gateways, origin, api, must, revisions,
    async stop() {
      await stopChildren();
      await origin.stop();
      await pg.stop();
    },
  };
}

/** Both gateways have applied at least `revision`. */
export async function waitRevision(cluster, revision, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await cluster.revisions()).every((r) => r >= revision)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gateways did not reach revision ${revision}`);
}
