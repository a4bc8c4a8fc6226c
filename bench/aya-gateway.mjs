// Starts the built gateway from a last-known-good snapshot file, so no control plane is needed.
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

/** `upstreamClient`: AYA_UPSTREAM_CLIENT of the gateway (lean | undici); absent = the environment's (default lean). */
export async function startAyaFromSnapshot({ originPort, core, pinning, upstreamClient }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-bench-gwsnap-'));
  const snapshot = singleRouteSnapshot(originPort);
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
    },
  });
  const url = `http://127.0.0.1:${proxyPort}/`;
  await waitOk(url, child);
  return { url, child, logFile: path.join(dataDir, 'gateway.log'), stop: () => stopChild(child) };
}
