import { isDeepStrictEqual } from 'node:util';
import type { HistoryAction } from '@aya/config-schema';
import { tableOrder } from './history-tables';

/** A row as to_jsonb wrote it (column names as in the table). */
export type StoredRow = Record<string, unknown>;

/** One config_row_changes row. */
export interface RowChange {
  revision: number;
  tableName: string;
  rowKey: string;
  tenantId: string | null;
  oldRow: StoredRow | null;
  newRow: StoredRow | null;
}

/** What a span of revisions did to one row: its state before the first and after the last change (null: absent). */
export interface NetChange {
  tableName: string;
  rowKey: string;
  tenantId: string | null;
  before: StoredRow | null;
  after: StoredRow | null;
}

export const actionOf = (c: Pick<NetChange, 'before' | 'after'>): HistoryAction => (c.before === null ? 'create' : c.after === null ? 'delete' : 'update');

/**
 * Folds changes (in the order they happened) into one net change per row, leaving out rows that ended as they
 * began (created then deleted, or changed back). Ordered by table (parents first), then key.
 */
export function netChanges(changes: readonly RowChange[]): NetChange[] {
  const byRow = new Map<string, NetChange>();
  for (const c of changes) {
    const id = `${c.tableName}/${c.rowKey}`;
    const seen = byRow.get(id);
    if (seen) seen.after = c.newRow;
    else byRow.set(id, { tableName: c.tableName, rowKey: c.rowKey, tenantId: c.tenantId, before: c.oldRow, after: c.newRow });
  }
  return [...byRow.values()]
    .filter((c) => !isDeepStrictEqual(c.before, c.after))
    .sort((a, b) => tableOrder(a.tableName) - tableOrder(b.tableName) || a.rowKey.localeCompare(b.rowKey));
}

/** The net changes from revision `from` to revision `to` (either order): `changes` are those of the revisions between. */
export function diffBetween(from: number, to: number, changes: readonly RowChange[]): NetChange[] {
  const net = netChanges(changes);
  return from <= to ? net : net.map((c) => ({ ...c, before: c.after, after: c.before }));
}
