import type { TestProject } from 'vitest/node';
import { startPostgres, type TestPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

let pg: TestPostgres | undefined;

/** One embedded Postgres per test run (initdb costs ~1.5 s); each test file makes its own database. */
export async function setup(project: TestProject): Promise<void> {
  pg = await startPostgres();
  project.provide('postgresAdminUrl', pg.adminUrl);
}

export async function teardown(): Promise<void> {
  await pg?.stop();
}
