import { inject } from 'vitest';
import { createDatabaseOn } from './postgres';

/** A fresh, empty database on the run's embedded Postgres (started by vitest globalSetup). */
export function createDatabase(): Promise<string> {
  return createDatabaseOn(inject('postgresAdminUrl'));
}
