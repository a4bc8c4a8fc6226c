import { canonicalJson, emptySnapshot } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import type { Client } from 'pg';
import { hashPassword, randomPassword } from '../auth/password';

export const DEFAULT_TENANT_SLUG = 'default';

export interface BootstrapResult {
  /** set only in the one process that created the first admin user */
  initialAdminPassword?: string;
}

/**
 * First-start data. Runs under the migration advisory lock and every insert is ON CONFLICT DO NOTHING,
 * so two control planes starting together create each row once.
 */
export async function bootstrap(client: Client): Promise<BootstrapResult> {
  await client.query('INSERT INTO config_state (id, revision) VALUES (1, 0) ON CONFLICT (id) DO NOTHING');
  await client.query(
    `INSERT INTO tenants (slug, name, updated_at) VALUES ($1, 'Default', now()) ON CONFLICT (slug) DO NOTHING`,
    [DEFAULT_TENANT_SLUG],
  );
  // Gateways pull revision 0 like any other: a fresh database has an (empty) stored snapshot too.
  const empty = emptySnapshot();
  await client.query(
    'INSERT INTO config_revisions (revision, hash, snapshot_text) VALUES (0, $1, $2) ON CONFLICT (revision) DO NOTHING',
    [snapshotHash(empty), canonicalJson(empty)],
  );

  const { rows } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM users');
  if (rows[0]?.n !== '0') return {};
  const password = randomPassword();
  const created = await client.query(
    `INSERT INTO users (username, password_hash, role, updated_at) VALUES ('admin', $1, 'superadmin', now())
     ON CONFLICT (username) DO NOTHING RETURNING id`,
    [await hashPassword(password)],
  );
  return created.rowCount === 1 ? { initialAdminPassword: password } : {};
}
