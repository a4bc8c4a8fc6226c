import type { HistoryItem, HistoryItemDiff } from '@aya/config-schema';
import { historyTable } from './history-tables';
import { actionOf, type NetChange, type StoredRow } from './row-history';

export const REDACTED = '[redacted]';

const camel = (column: string): string => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** A stored row with camelCase fields and its secret columns as '[redacted]' (or null when unset). */
export function rowView(tableName: string, row: StoredRow | null): Record<string, unknown> | null {
  if (row === null) return null;
  const secret = new Set(historyTable(tableName).secret);
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [camel(column), secret.has(column) && value !== null ? REDACTED : value]));
}

function labelOf(tableName: string, row: StoredRow | null): string | null {
  const table = historyTable(tableName);
  if (row === null) return null;
  if (table.table === 'certificates') return Array.isArray(row.snis) && row.snis.length > 0 ? String(row.snis[0]) : null;
  const value = table.label === null ? undefined : row[table.label];
  return typeof value === 'string' ? value : null;
}

export function itemOf(change: NetChange): HistoryItem {
  return {
    kind: historyTable(change.tableName).kind,
    id: change.rowKey,
    name: labelOf(change.tableName, change.after) ?? labelOf(change.tableName, change.before),
    action: actionOf(change),
    tenantId: change.tenantId,
  };
}

export function itemDiffOf(change: NetChange): HistoryItemDiff {
  return { ...itemOf(change), before: rowView(change.tableName, change.before), after: rowView(change.tableName, change.after) };
}
