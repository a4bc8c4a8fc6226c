import type { HistoryItem, HistoryItemDiff, RevisionSummary } from '@aya/config-schema';
import { isDeepStrictEqual } from 'node:util';

/** The same signs as `aya config diff`: + created, ~ changed, - deleted. */
const SIGN: Record<HistoryItem['action'], string> = { create: '+', update: '~', delete: '-' };
/** Fields every write touches: a line for them would be noise under each change (history and audit alike). */
export const TIMESTAMP_FIELDS: ReadonlySet<string> = new Set(['updatedAt', 'createdAt']);
/** A field's value on one line; -o yaml prints the whole rows. */
const VALUE_WIDTH = 60;
/** How many items the history table names per revision before "+N more". */
const SUMMARY_ITEMS = 3;

export const itemLine = (item: HistoryItem): string => `${SIGN[item.action]} ${item.kind} ${item.name ?? item.id}`;

/** The history table's CHANGES cell: the first items, then how many more the revision has. */
export function changesCell(summary: RevisionSummary): string {
  const named = summary.changes.slice(0, SUMMARY_ITEMS).map(itemLine);
  const rest = summary.changeCount - named.length;
  return [...named, ...(rest > 0 ? [`+${rest} more`] : [])].join(', ') || '-';
}

function short(value: unknown): string {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > VALUE_WIDTH ? `${text.slice(0, VALUE_WIDTH - 1)}…` : text;
}

/** An updated item's changed fields, one `field: before -> after` line each. */
export function fieldLines(item: HistoryItemDiff): string[] {
  if (item.action !== 'update' || !item.before || !item.after) return [];
  const { before, after } = item;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !TIMESTAMP_FIELDS.has(k));
  const lines = keys.filter((k) => !isDeepStrictEqual(before[k], after[k])).map((k) => `    ${k}: ${short(before[k])} -> ${short(after[k])}`);
  // a row written back as it was (a rollback's rollback) differs in updatedAt alone: say so rather than show nothing
  return lines.length ? lines : ['    (timestamps only)'];
}

/** Item diffs as a person reads them: `~ route orders` and its changed fields under it. */
export function diffLines(items: HistoryItemDiff[]): string[] {
  return items.flatMap((item) => [itemLine(item), ...fieldLines(item)]);
}
