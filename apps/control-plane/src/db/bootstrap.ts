import { ConfigDigest } from '@aya/config-schema/hash';
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
  // a fresh database: revision 0 is the empty config, its hash known (see ConfigWriter.ensureSynced for old ones)
  await client.query(`INSERT INTO config_state (id, revision, digest, hash) VALUES (1, 0, '', $1) ON CONFLICT (id) DO NOTHING`, [
    ConfigDigest.empty().hash,
  ]);
  await client.query(
    `INSERT INTO tenants (slug, name, updated_at) VALUES ($1, 'Default', now()) ON CONFLICT (slug) DO NOTHING`,
    [DEFAULT_TENANT_SLUG],
  );
  const { rows } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM users');
  if (rows[0]?.n !== '0') return {};
  const password = randomPassword();
  const created = await client.query(
    `INSERT INTO users (username, password_hash, superadmin, updated_at) VALUES ('admin', $1, true, now())
     ON CONFLICT (username) DO NOTHING RETURNING id`,
    [await hashPassword(password)],
  );
  return created.rowCount === 1 ? { initialAdminPassword: password } : {};
}
