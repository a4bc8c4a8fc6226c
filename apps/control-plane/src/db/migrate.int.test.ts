import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../../../test/harness';
import { applyMigrations, MigrationError, readMigrations, withMigrationLock } from './migrate';

const MIGRATIONS_DIR = path.resolve(__dirname, '../../../../prisma/migrations');
const clients: Client[] = [];

async function connect(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) await c.end();
});

describe('migration runner', () => {
  it('applies committed migrations once, even from two processes at the same time', async () => {
    const url = await createDatabase();
    const migrations = readMigrations(MIGRATIONS_DIR);
    expect(migrations.length).toBeGreaterThan(0);
    const [a, b] = [await connect(url), await connect(url)];
    const results = await Promise.all([a, b].map((c) => withMigrationLock(c, () => applyMigrations(c, migrations))));
    expect(results.flat().sort()).toEqual(migrations.map((m) => m.name).sort());

    const { rows } = await a.query(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows).toHaveLength(migrations.length);
    for (const [i, row] of rows.entries()) {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, migrations[i].name, 'migration.sql'));
      expect(row).toMatchObject({
        migration_name: migrations[i].name,
        checksum: createHash('sha256').update(sql).digest('hex'),
        rolled_back_at: null,
        applied_steps_count: 1,
        logs: null,
      });
      expect(row.finished_at).toBeInstanceOf(Date);
    }
    const tables = await a.query("SELECT to_regclass('public.config_state') AS t");
    expect(tables.rows[0].t).toBe('config_state');
    expect(await withMigrationLock(a, () => applyMigrations(a, migrations))).toEqual([]);
  });

  it('rolls a failing migration back completely and records nothing', async () => {
    const url = await createDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-mig-'));
    fs.mkdirSync(path.join(dir, '20200101000000_bad'));
    fs.writeFileSync(path.join(dir, '20200101000000_bad', 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT nope_no_such_function();\n');
    const c = await connect(url);
    await expect(withMigrationLock(c, () => applyMigrations(c, readMigrations(dir)))).rejects.toThrow(MigrationError);
    expect((await c.query("SELECT to_regclass('public.half_done') AS t")).rows[0].t).toBeNull();
    expect((await c.query('SELECT count(*)::int AS n FROM "_prisma_migrations"')).rows[0].n).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
