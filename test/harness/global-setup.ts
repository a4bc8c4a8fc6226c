import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgres, type TestPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

let pg: TestPostgres | undefined;
let runTmp: string | undefined;

/**
 * One embedded Postgres per test run (initdb costs ~1.5 s); each test file makes its own database.
 * Every temp dir of the run (gateway data dirs, certificates, Postgres) goes under one folder of
 * the run's own (TMPDIR, inherited by test workers and the processes they spawn), removed at the
 * end, so a run leaves nothing behind in /tmp.
 */
export async function setup(project: TestProject): Promise<void> {
  runTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-test-run-'));
  fs.chmodSync(runTmp, 0o755); // Postgres runs as the `postgres` OS user when we are root
  process.env.TMPDIR = runTmp;
  pg = await startPostgres();
  project.provide('postgresAdminUrl', pg.adminUrl);
}

export async function teardown(): Promise<void> {
  await pg?.stop();
  if (runTmp) fs.rmSync(runTmp, { recursive: true, force: true });
}
