/** A config table the history records (migration config_history: trigger aya_record_row_change on each). */
export interface HistoryTable {
  table: string;
  /** the resource kind as the admin API and the audit name it */
  kind: string;
  /** the column that names a row for people (slug, name, username...) */
  label: string | null;
  /** hashed or sealed secret columns: never shown, only whether one is set ('[redacted]') */
  secret: readonly string[];
  /** the primary key columns (restore's ON CONFLICT target) */
  key: readonly string[];
}

const byId = ['id'] as const;

/**
 * Every recorded table, parents before children (foreign keys): a rollback restores rows in this order and
 * deletes in the reverse one.
 */
export const HISTORY_TABLES: readonly HistoryTable[] = [
  { table: 'tenants', kind: 'tenant', label: 'slug', secret: [], key: byId },
  { table: 'upstreams', kind: 'upstream', label: 'name', secret: [], key: byId },
  { table: 'certificates', kind: 'certificate', label: null, secret: ['key_encrypted'], key: byId },
  { table: 'services', kind: 'service', label: 'name', secret: [], key: byId },
  { table: 'routes', kind: 'route', label: 'name', secret: [], key: byId },
  { table: 'consumers', kind: 'consumer', label: 'username', secret: [], key: byId },
  { table: 'consumer_groups', kind: 'consumer-group', label: 'name', secret: [], key: byId },
  { table: 'credentials', kind: 'credential', label: 'type', secret: ['key_hash', 'password_hash', 'secret_encrypted'], key: byId },
  { table: 'consumer_group_members', kind: 'consumer-group-member', label: null, secret: [], key: ['consumer_id', 'group_id'] },
  { table: 'plugins', kind: 'plugin', label: 'name', secret: [], key: byId },
];

const BY_NAME = new Map(HISTORY_TABLES.map((t) => [t.table, t]));

export function historyTable(name: string): HistoryTable {
  const table = BY_NAME.get(name);
  if (!table) throw new Error(`config_row_changes names an unknown table: ${name}`);
  return table;
}

/** Position in HISTORY_TABLES (restore order). */
export const tableOrder = (name: string): number => HISTORY_TABLES.findIndex((t) => t.table === name);
