import path from 'node:path';
import { boundListenersSchema, type BoundListeners } from '@aya/config-schema';
import { z } from 'zod';
import { loadStartEnv, type StartEnv } from '../env';
import { runNode, waitForHttp, waitForJson, type Child } from '../stack/child';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../stack/embedded-postgres';
import { loadOrCreateSecrets } from '../stack/secrets';

const APPS = path.resolve(__dirname, '../../..');
const CONTROL_PLANE_MAIN = path.join(APPS, 'control-plane/dist/main.js');
const GATEWAY_MAIN = path.join(APPS, 'gateway/dist/main.js');
const CONSOLE_DIR = path.join(APPS, 'console/dist');

/**
 * `aya start`: the whole platform on one machine (AYA_ROLE=all, the default), or one part of it.
 * Without DATABASE_URL it runs the embedded Postgres; without REDIS_URL gateways follow the
 * control plane over SSE. Ctrl-C / SIGTERM stops the gateway, then the control plane, then Postgres.
 */
export async function startCommand(): Promise<void> {
  const env = loadStartEnv(process.env);
  const children: Child[] = [];
  let db: EmbeddedDatabase | undefined;
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    for (const child of [...children].reverse()) await child.stop();
    if (db) await db.stop();
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));
  watchParent(() => void shutdown(0));

  let listeners: BoundListeners | undefined;
  try {
    // The embedded stack keeps its generated secrets in the data dir; production sets them in the env.
    const embedded = env.AYA_ROLE === 'all' || (env.AYA_ROLE === 'control-plane' && !env.DATABASE_URL);
    const secrets = embedded ? loadOrCreateSecrets(env.dataDir) : undefined;
    const clusterToken = env.AYA_CLUSTER_TOKEN ?? secrets?.clusterToken;
    if (!clusterToken) fail('AYA_CLUSTER_TOKEN must be set when AYA_ROLE is gateway');

    const base: NodeJS.ProcessEnv = { ...process.env, AYA_CLUSTER_TOKEN: clusterToken, AYA_DATA_DIR: env.dataDir };
    if (env.AYA_ROLE !== 'gateway') {
      let databaseUrl = env.DATABASE_URL;
      if (!databaseUrl) {
        log(`starting embedded PostgreSQL (data in ${path.join(env.dataDir, 'postgres')})`);
        db = await startEmbeddedPostgres(env.dataDir, env.AYA_PG_PORT, loadOrCreateSecrets(env.dataDir).postgresPassword);
        databaseUrl = db.url;
      }
      const cp = runNode('control-plane', CONTROL_PLANE_MAIN, {
        ...base,
        DATABASE_URL: databaseUrl,
        AYA_SECRET_KEY: process.env.AYA_SECRET_KEY || secrets?.secretKey,
        AYA_ADMIN_PORT: String(env.AYA_ADMIN_PORT),
        AYA_CONSOLE_DIR: process.env.AYA_CONSOLE_DIR ?? CONSOLE_DIR,
      });
      children.push(cp);
      watch(cp, shutdown, () => stopping);
      if (!(await waitForHttp(`http://127.0.0.1:${env.AYA_ADMIN_PORT}/api/v1/health`, cp))) {
        fail('the control plane did not start (see its output above)');
      }
    }
    if (env.AYA_ROLE !== 'control-plane') {
      const gw = runNode('gateway', GATEWAY_MAIN, {
        ...base,
        AYA_CONTROL_PLANE_URL: env.AYA_CONTROL_PLANE_URL ?? `http://127.0.0.1:${env.AYA_ADMIN_PORT}`,
        AYA_PROXY_PORT: String(env.AYA_PROXY_PORT),
        AYA_STATUS_PORT: String(env.AYA_STATUS_PORT),
      });
      children.push(gw);
      watch(gw, shutdown, () => stopping);
      // the banner advertises what the gateway really bound (8443 taken: no HTTPS line), so wait for it
      listeners = await waitForJson(`http://127.0.0.1:${env.AYA_STATUS_PORT}/status`, gw, boundListeners);
      if (!listeners) fail('the gateway did not start (see its output above)');
    }
    printBanner(env, listeners);
  } catch (err) {
    process.stderr.write(`aya: ${err instanceof Error ? err.message : String(err)}\n`);
    await shutdown(1);
  }
}

/** A child that dies on its own takes the whole stack down with a non-zero exit. */
function watch(child: Child, shutdown: (code: number) => Promise<void>, stopping: () => boolean): void {
  void child.exited.then((code) => {
    if (stopping()) return;
    process.stderr.write(`aya: ${child.name} exited (code ${code})\n`);
    void shutdown(code || 1);
  });
}

/**
 * `npm start` runs us under npm and a shell; a SIGTERM sent to npm is not always passed down, which
 * would orphan the whole stack. When our parent goes away (we get re-parented), we stop too.
 */
function watchParent(onGone: () => void): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) onGone();
  }, 500).unref();
}

function fail(message: string): never {
  throw new Error(message);
}

function log(message: string): void {
  process.stdout.write(`[aya] ${message}\n`);
}

/** A gateway's `/status` reports `listeners` once its proxy listeners are bound (cluster mode: once a worker is ready). */
const statusWithListeners = z.object({ listeners: boundListenersSchema });

function boundListeners(body: unknown): BoundListeners | undefined {
  const parsed = statusWithListeners.safeParse(body);
  return parsed.success ? parsed.data.listeners : undefined;
}

function printBanner(env: StartEnv, listeners: BoundListeners | undefined): void {
  const lines = ['', 'Aya is running.'];
  if (env.AYA_ROLE !== 'gateway') {
    lines.push(
      `  Console      http://localhost:${env.AYA_ADMIN_PORT}/`,
      `  Admin API    http://localhost:${env.AYA_ADMIN_PORT}/api/v1  (Authorization: Bearer <token>)`,
    );
  }
  if (env.AYA_ROLE !== 'control-plane') {
    lines.push(`  Proxy        http://localhost:${listeners?.http ?? env.AYA_PROXY_PORT}/`);
    if (listeners?.https) lines.push(`  HTTPS proxy  https://localhost:${listeners.https}/  (HTTP/2; certificates from config, by SNI)`);
    else if (!['off', '0'].includes(process.env.AYA_PROXY_TLS_PORT ?? '')) {
      lines.push('  HTTPS proxy  not listening (its port is taken: see the gateway log above; set AYA_PROXY_TLS_PORT)');
    }
    if (listeners?.h2c) lines.push(`  h2c proxy    http://localhost:${listeners.h2c}/  (HTTP/2 cleartext)`);
    lines.push(`  Status       http://localhost:${env.AYA_STATUS_PORT}/status`);
  }
  if (env.AYA_ROLE !== 'gateway') {
    lines.push(
      '',
      env.AYA_ADMIN_TOKEN
        ? 'Sign in with the admin token from AYA_ADMIN_TOKEN (console: "Admin token"; API: Authorization: Bearer $AYA_ADMIN_TOKEN).'
        : 'Sign in as user "admin" with the password printed above on the first start (it is shown only once),\n' +
            'or set AYA_ADMIN_TOKEN=<token of 16+ characters> and use it as a Bearer token.',
    );
  }
  lines.push('Press Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n') + '\n');
}
