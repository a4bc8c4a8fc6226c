// Starts the built gateway from a last-known-good snapshot file, so no control plane is needed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { freePort, ROOT, token } from './lib.mjs';
import { spawnPinned, stopChild, waitOk } from './tools.mjs';

const require = createRequire(import.meta.url);
const { snapshotHash } = require(path.join(ROOT, 'libs/config-schema/dist/hash.js'));

/** One service at the origin, one catch-all route. */
export function singleRouteSnapshot(originPort, revision = 1) {
  return {
    revision,
    services: [
      {
        id: 'svc-origin', tenant: 'default', name: 'origin', protocol: 'http', host: '127.0.0.1', port: originPort,
        upstreamId: null, path: '/', connectTimeoutMs: 5000, readTimeoutMs: 60000, retries: 0,
      },
    ],
    routes: [{ id: 'rt-all', tenant: 'default', name: 'all', serviceId: 'svc-origin', paths: ['/'], methods: [], hosts: [], stripPath: false }],
    upstreams: [],
  };
}

/** The API key the policies snapshot's consumer authenticates with (wrk sends it as `apikey`). */
export const BENCH_API_KEY = 'bench-key-0123456789abcdef';

/**
 * The same route behind key-auth (one consumer, its key stored as sha256 like the control plane ships it)
 * and a cluster rate limit per consumer (Redis) so high that it never refuses: what a policy costs.
 */
export function policiesSnapshot(originPort) {
  const base = singleRouteSnapshot(originPort);
  const scope = { tenant: 'default', enabled: true, serviceId: null, routeId: 'rt-all', consumerId: null };
  return {
    ...base,
    consumers: [{ id: 'c-bench', tenant: 'default', username: 'bench', customId: null, groups: [] }],
    credentials: [{ type: 'key-auth', id: 'k-bench', tenant: 'default', consumerId: 'c-bench', keyHash: createHash('sha256').update(BENCH_API_KEY).digest('hex'), expiresAt: null }],
    plugins: [
      { id: 'p-key-auth', name: 'key-auth', config: {}, ...scope },
      { id: 'p-rate-limit', name: 'rate-limit', config: { limits: [{ window: 'minute', limit: 1_000_000_000 }], by: 'consumer', policy: 'cluster' }, ...scope },
    ],
  };
}

/**
 * `upstreamClient`: AYA_UPSTREAM_CLIENT of the gateway (lean | undici); absent = the environment's (default lean).
 * `policiesRedisUrl`: serve policiesSnapshot() with this REDIS_URL instead of the plain route.
 */
export async function startAyaFromSnapshot({ originPort, core, pinning, upstreamClient, policiesRedisUrl }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-bench-gwsnap-'));
  const snapshot = policiesRedisUrl ? policiesSnapshot(originPort) : singleRouteSnapshot(originPort);
  fs.writeFileSync(path.join(dataDir, 'snapshot.json'), JSON.stringify({ revision: snapshot.revision, hash: snapshotHash(snapshot), snapshot }));
  const [proxyPort, statusPort, closedPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawnPinned(core, pinning, process.execPath, [path.join(ROOT, 'apps/gateway/dist/main.js')], {
    // its log (pull retries against the closed port every few seconds) goes to a file, not the table
    stdio: ['ignore', fs.openSync(path.join(dataDir, 'gateway.log'), 'a'), fs.openSync(path.join(dataDir, 'gateway.log'), 'a')],
    env: {
      ...process.env,
      AYA_PROXY_PORT: String(proxyPort), AYA_PROXY_HOST: '127.0.0.1', AYA_STATUS_PORT: String(statusPort),
      // nothing listens there: the gateway serves its snapshot file and retries in the background
      AYA_CONTROL_PLANE_URL: `http://127.0.0.1:${closedPort}`, AYA_CLUSTER_TOKEN: token(),
      AYA_GATEWAY_DATA_DIR: dataDir, NODE_ENV: 'production',
      ...(upstreamClient ? { AYA_UPSTREAM_CLIENT: upstreamClient } : {}),
      ...(policiesRedisUrl ? { REDIS_URL: policiesRedisUrl } : {}),
    },
  });
  const url = `http://127.0.0.1:${proxyPort}/`;
  await waitOk(url, child, undefined, policiesRedisUrl ? { apikey: BENCH_API_KEY } : {});
  return { url, child, logFile: path.join(dataDir, 'gateway.log'), stop: () => stopChild(child) };
}
