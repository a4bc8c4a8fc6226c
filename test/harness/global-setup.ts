import type { TestProject } from 'vitest/node';
import { startPostgres, type TestPostgres } from './postgres';
import { useRunTmpDir } from './run-tmp';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

let pg: TestPostgres | undefined;
let removeRunTmp: (() => void) | undefined;

/**
 * One embedded Postgres per test run (initdb costs ~1.5 s); each test file makes its own database.
 * Every temp dir of the run lives under one folder of the run's own, removed at the end.
 */
export async function setup(project: TestProject): Promise<void> {
  removeRunTmp = useRunTmpDir('aya-test-run-');
  pg = await startPostgres();
  project.provide('postgresAdminUrl', pg.adminUrl);
}

export async function teardown(): Promise<void> {
  await pg?.stop();
  removeRunTmp?.();
}
