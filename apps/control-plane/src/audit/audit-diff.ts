import type { AuditChange } from '@aya/config-schema';
import diff from 'microdiff';

const asObject = (v: unknown): Record<string, unknown> | unknown[] =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown> | unknown[]) : {};

/**
 * The field-level diff of an entry's before/after views (microdiff), done here rather than in each client so
 * the console, the CLI and scripts all show the same changes. A create is every field added, a delete every
 * field removed. Paths run from the top of the view: `['targets', 1, 'weight']`.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  return diff(asObject(before), asObject(after)).map((d): AuditChange => {
    if (d.type === 'CREATE') return { path: d.path, op: 'add', after: d.value as unknown };
    if (d.type === 'REMOVE') return { path: d.path, op: 'remove', before: d.oldValue as unknown };
    return { path: d.path, op: 'change', before: d.oldValue as unknown, after: d.value as unknown };
  });
}
