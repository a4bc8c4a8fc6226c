import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { closedPort } from './fixtures';

/** The built gateway (`dist/main.js`) as a child process; build it first (nx build). */
export interface GatewayProcess {
  proxyPort: number;
  /** stdout + stderr so far */
  log(): string;
  stop(): Promise<void>;
}

const mainJs = join(__dirname, '..', '..', 'dist', 'main.js');

/**
 * Starts dist/main.js on loopback with one worker, no HTTPS listener and a closed control-plane
 * port (it serves the snapshot file in `dataDir`), plus `env`. Resolves once it logged `ready`.
 */
export async function startGatewayProcess(dataDir: string, env: Record<string, string> = {}): Promise<GatewayProcess> {
  const proxyPort = await closedPort();
  const child = spawn(process.execPath, [mainJs], {
    env: {
      PATH: process.env.PATH ?? '',
      AYA_CLUSTER_TOKEN: 'test-token',
      AYA_PROXY_PORT: String(proxyPort),
      AYA_PROXY_HOST: '127.0.0.1',
      AYA_PROXY_TLS_PORT: 'off',
      AYA_STATUS_PORT: String(await closedPort()),
      AYA_CONTROL_PLANE_URL: `http://127.0.0.1:${await closedPort()}`,
      AYA_GATEWAY_DATA_DIR: dataDir,
      AYA_GATEWAY_WORKERS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  while (!log.includes('ready')) {
    if (child.exitCode !== null) throw new Error(`gateway exited: ${log}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    proxyPort,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
