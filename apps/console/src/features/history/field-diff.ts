import type { HistoryAction, HistoryItemDiff, RevisionSummary } from '@aya/config-schema';

/** Bookkeeping fields every write touches: shown folded, never as "the change". */
const BOOKKEEPING = new Set(['createdAt', 'updatedAt', 'tenantId', 'id']);

export interface FieldRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * One row per field of an item's before/after states, changed ones first (in field order), then the unchanged
 * ones; bookkeeping fields (ids, times) last and never counted as changed.
 */
export function fieldRows(item: Pick<HistoryItemDiff, 'before' | 'after'>): FieldRow[] {
  const keys = [...new Set([...Object.keys(item.before ?? {}), ...Object.keys(item.after ?? {})])];
  const rows = keys.map((field) => {
    const before = item.before?.[field];
    const after = item.after?.[field];
    return { field, before, after, changed: !BOOKKEEPING.has(field) && !same(before, after) };
  });
  const rank = (r: FieldRow) => (r.changed ? 0 : BOOKKEEPING.has(r.field) ? 2 : 1);
  return rows.sort((a, b) => rank(a) - rank(b));
}

/** A value as it reads in a diff cell: JSON (strings quoted); absent is an em dash. */
export function formatValue(value: unknown): string {
  return value === undefined ? '—' : JSON.stringify(value);
}

const VERBS: Readonly<Record<HistoryAction, string>> = { create: 'created', update: 'changed', delete: 'deleted' };

/** "route orders changed, service shop created +3 more" */
export function revisionSummary(r: Pick<RevisionSummary, 'changes' | 'changeCount'>, shown = 2): string {
  const parts = r.changes.slice(0, shown).map((c) => `${c.kind.replace(/-/g, ' ')} ${c.name ?? c.id.slice(0, 8)} ${VERBS[c.action]}`);
  const more = r.changeCount - Math.min(shown, r.changes.length);
  if (parts.length === 0) return 'no change';
  return more > 0 ? `${parts.join(', ')} +${more} more` : parts.join(', ');
}

/** The two picked revisions as a diff range: older first. */
export function rangeOf(picked: ReadonlyArray<number>): { from: number; to: number } | null {
  if (picked.length !== 2) return null;
  const [a, b] = picked as [number, number];
  return { from: Math.min(a, b), to: Math.max(a, b) };
}
