import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../../../test/harness';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const EMPTY_MIGRATION = '-- This is an empty migration.';

describe('prisma migrations', () => {
  it('match prisma/schema.prisma (run `npm run migrate:create -- <name>` after a schema change)', async () => {
    const databaseUrl = await createDatabase();
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'scripts/migrate.mjs'), 'diff'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      timeout: 60_000,
    });
    expect(stdout.trim()).toBe(EMPTY_MIGRATION);
  });
});
