import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from 'pg';

/** The key `prisma migrate deploy` locks too, so our runner and the Prisma CLI never migrate at the same time. */
export const MIGRATION_LOCK_KEY = 72707369;

// Byte for byte the table Prisma creates, so the standard CLI reads our rows as its own.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

/** Committed migrations in name (= timestamp) order. */
export function readMigrations(dir: string): MigrationFile[] {
  if (!fs.existsSync(dir)) throw new MigrationError(`migrations directory not found: ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Runs `fn` while holding the migration advisory lock on a dedicated session: concurrent control planes queue
 * here, so migrations and bootstrap run once, one process at a time.
 */
export async function withMigrationLock<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    return await fn();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies committed migrations that are not applied yet, each in its own transaction together with its
 * `_prisma_migrations` row. Call inside {@link withMigrationLock}. Returns the names it applied.
 */
export async function applyMigrations(client: Client, migrations: MigrationFile[]): Promise<string[]> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await client.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
  );
  const live = rows.filter((r) => r.rolled_back_at === null);
  const failed = live.find((r) => r.finished_at === null);
  if (failed) {
    throw new MigrationError(
      `migration ${failed.migration_name} failed earlier and is not rolled back; fix the database, then mark it with \`prisma migrate resolve\``,
    );
  }
  const applied = new Set(live.map((r) => r.migration_name));
  const done: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.name)) continue;
    await client.query('BEGIN');
    try {
      const startedAt = new Date();
      await client.query(m.sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
        [randomUUID(), m.checksum, m.name, startedAt],
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      const reason = err instanceof Error ? err.message : String(err);
      throw new MigrationError(`migration ${m.name} failed and was rolled back: ${reason}`);
    }
    done.push(m.name);
  }
  return done;
}

/** Names of applied migrations whose committed file changed since (Prisma warns about these too). */
export async function modifiedMigrations(client: Client, migrations: MigrationFile[]): Promise<string[]> {
  const { rows } = await client.query<AppliedRow>(
    'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
  );
  const byName = new Map(migrations.map((m) => [m.name, m.checksum]));
  return rows.filter((r) => byName.has(r.migration_name) && byName.get(r.migration_name) !== r.checksum).map((r) => r.migration_name);
}
