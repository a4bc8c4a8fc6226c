import type { AuditChange } from '@aya/config-schema';
import { CHANGE_LABELS, changePath, formatValue } from '../audit-format';

/**
 * The field-level diff the control plane computed (`changes`): one line per changed field, the old value struck
 * through and the new one highlighted, coloured by kind (added, removed, changed).
 */
export function AuditChanges({ changes }: { changes: ReadonlyArray<AuditChange> }) {
  if (changes.length === 0) return <p className="muted">No field changed.</p>;
  return (
    <ul className="audit-changes" aria-label="Changed fields">
      {changes.map((c) => {
        const path = changePath(c.path);
        return (
          <li key={path} className={`audit-change audit-change-${c.op}`} data-testid={`audit-change-${path}`}>
            <span className="audit-change-head">
              <code className="audit-change-path">{path}</code>
              <span className="audit-change-op">{CHANGE_LABELS[c.op]}</span>
            </span>
            <span className="audit-change-values">
              {c.op !== 'add' ? (
                <del className="audit-value audit-value-before" aria-label={`before: ${formatValue(c.before)}`}>
                  {formatValue(c.before)}
                </del>
              ) : null}
              {c.op !== 'remove' ? (
                <ins className="audit-value audit-value-after" aria-label={`after: ${formatValue(c.after)}`}>
                  {formatValue(c.after)}
                </ins>
              ) : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
