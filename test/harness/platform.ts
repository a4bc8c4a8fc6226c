import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { eventually, freePort } from './ports';
import { REPO_ROOT, spawnNode, type RunningProcess } from './process';

const CONTROL_PLANE_MAIN = path.join(REPO_ROOT, 'apps/control-plane/dist/main.js');
const GATEWAY_MAIN = path.join(REPO_ROOT, 'apps/gateway/dist/main.js');

export const randomToken = (): string => randomBytes(24).toString('hex');

export interface ControlPlane extends RunningProcess {
  url: string;
  port: number;
  adminToken: string;
  clusterToken: string;
  /** Password of the `admin` user printed once at first start (undefined when it already existed). */
  initialAdminPassword?: string;
}

export interface ControlPlaneOptions {
  databaseUrl: string;
  redisUrl?: string;
  adminToken?: string;
  clusterToken?: string;
  port?: number;
  env?: Record<string, string | undefined>;
}

/** Spawns the built control plane and waits until `/api/v1/health` answers 200. */
export async function startControlPlane(opts: ControlPlaneOptions): Promise<ControlPlane> {
  const port = opts.port ?? (await freePort());
  const adminToken = opts.adminToken ?? randomToken();
  const clusterToken = opts.clusterToken ?? randomToken();
  const proc = spawnNode(CONTROL_PLANE_MAIN, {
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl,
    AYA_ADMIN_PORT: String(port),
    AYA_ADMIN_HOST: '127.0.0.1',
    AYA_ADMIN_TOKEN: adminToken,
    AYA_CLUSTER_TOKEN: clusterToken,
    ...opts.env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(proc, `${url}/api/v1/health`, 'control plane');
  const pw = /Initial admin user: admin\s+password: (\S+)/.exec(proc.logs());
  return { ...proc, url, port, adminToken, clusterToken, initialAdminPassword: pw?.[1] };
}

export interface Gateway extends RunningProcess {
  proxyUrl: string;
  statusUrl: string;
  proxyPort: number;
  dataDir: string;
  /** GET /status of this gateway. */
  status(): Promise<{ revision: number; hash: string; startedAt: string }>;
}

export interface GatewayOptions {
  controlPlaneUrl: string;
  clusterToken: string;
  redisUrl?: string;
  /** Reuse a data dir to restart "the same" gateway (last-known-good snapshot, node id). */
  dataDir?: string;
  proxyPort?: number;
  env?: Record<string, string | undefined>;
}

/** Spawns the built gateway and waits until its status port answers. */
export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const proxyPort = opts.proxyPort ?? (await freePort());
  const statusPort = await freePort();
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'aya-gw-'));
  const proc = spawnNode(GATEWAY_MAIN, {
    AYA_CONTROL_PLANE_URL: opts.controlPlaneUrl,
    AYA_CLUSTER_TOKEN: opts.clusterToken,
    REDIS_URL: opts.redisUrl,
    AYA_PROXY_PORT: String(proxyPort),
    AYA_PROXY_HOST: '127.0.0.1',
    AYA_STATUS_PORT: String(statusPort),
    AYA_GATEWAY_DATA_DIR: dataDir,
    AYA_RECONCILE_INTERVAL_MS: '1000',
    AYA_HEARTBEAT_INTERVAL_MS: '1000',
    // one process per gateway keeps multi-gateway tests light on 2 cores; `aya start` (npm-start
    // test) and the gateway's own tests cover the worker cluster
    AYA_GATEWAY_WORKERS: '1',
    AYA_PROXY_TLS_PORT: 'off', // tests that need HTTPS pass a port
    ...opts.env,
  });
  const statusUrl = `http://127.0.0.1:${statusPort}`;
  await waitUntilHealthy(proc, `${statusUrl}/status`, 'gateway');
  return {
    ...proc,
    proxyUrl: `http://127.0.0.1:${proxyPort}`,
    statusUrl,
    proxyPort,
    dataDir,
    status: async () => (await fetch(`${statusUrl}/status`)).json() as Promise<{ revision: number; hash: string; startedAt: string }>,
  };
}

async function waitUntilHealthy(proc: RunningProcess, url: string, what: string): Promise<void> {
  let exitCode: number | null | undefined;
  void proc.exited.then((c) => (exitCode = c));
  try {
    await eventually(async () => {
      if (exitCode !== undefined) throw new Error(`${what} exited with ${exitCode}`);
      const res = await fetch(url);
      return res.status === 200;
    }, 30_000, 100);
  } catch (err) {
    await proc.stop(1000);
    throw new Error(`${what} did not become healthy: ${String(err)}\n--- ${what} output ---\n${proc.logs()}`, { cause: err });
  }
}
