import path from 'node:path';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../../../test/harness';
import { applyMigrations, readMigrations } from '../db/migrate';

const MIGRATIONS_DIR = path.resolve(__dirname, '../../../../prisma/migrations');
let db: Client | undefined;

afterAll(async () => {
  await db?.end();
});

describe('people_members_tokens migration', () => {
  it('turns the three global roles into the superadmin flag and a role in every existing tenant', async () => {
    db = new Client({ connectionString: await createDatabase() });
    await db.connect();
    const all = readMigrations(MIGRATIONS_DIR);
    const at = all.findIndex((m) => m.name.endsWith('_people_members_tokens'));
    expect(at).toBeGreaterThan(0);
    await applyMigrations(db, all.slice(0, at));
    await db.query(`INSERT INTO tenants (slug, name, updated_at) VALUES ('t1', 'T1', now()), ('t2', 'T2', now())`);
    await db.query(
      `INSERT INTO users (username, password_hash, role, updated_at) VALUES ('root', 'x', 'superadmin', now()), ('ann', 'x', 'admin', now()), ('vic', 'x', 'viewer', now())`,
    );
    await db.query(`INSERT INTO admin_tokens (token_hash, user_id, expires_at) SELECT 'h', id, now() + interval '1 hour' FROM users WHERE username = 'ann'`);

    await applyMigrations(db, all.slice(at));
    const users = await db.query<{ username: string; superadmin: boolean }>('SELECT username, superadmin FROM users ORDER BY username');
    expect(users.rows).toEqual([
      { username: 'ann', superadmin: false },
      { username: 'root', superadmin: true },
      { username: 'vic', superadmin: false },
    ]);
    const members = await db.query<{ username: string; slug: string; role: string }>(
      `SELECT u.username, t.slug, m.role::text AS role FROM tenant_members m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id ORDER BY 1, 2`,
    );
    expect(members.rows).toEqual([
      { username: 'ann', slug: 't1', role: 'owner' },
      { username: 'ann', slug: 't2', role: 'owner' },
      { username: 'vic', slug: 't1', role: 'viewer' },
      { username: 'vic', slug: 't2', role: 'viewer' },
    ]);
    // open sessions end with the upgrade: everyone signs in again
    expect((await db.query('SELECT count(*)::int AS n FROM sessions')).rows[0]).toEqual({ n: 0 });
  });
});
