import { Badge, type BadgeTone } from '../../../components/badge';
import type { HistoryAction, HistoryItemDiff } from '@aya/config-schema';
import { fieldRows, formatValue } from '../field-diff';

const TONES: Readonly<Record<HistoryAction, BadgeTone>> = { create: 'success', update: 'info', delete: 'danger' };
const LABELS: Readonly<Record<HistoryAction, string>> = { create: 'created', update: 'changed', delete: 'deleted' };

/** One item's before/after, changed fields highlighted (old struck through, new in bold), the rest folded. */
function ItemDiff({ item }: { item: HistoryItemDiff }) {
  const rows = fieldRows(item);
  const changed = rows.filter((r) => r.changed);
  const rest = rows.filter((r) => !r.changed);
  const key = `${item.kind}-${item.name ?? item.id}`;
  return (
    <article className="card history-item" data-testid={`history-item-${key}`}>
      <header className="history-item-head">
        <span className="history-kind">{item.kind.replace(/-/g, ' ')}</span>
        <strong>{item.name ?? item.id}</strong>
        <Badge tone={TONES[item.action]}>{LABELS[item.action]}</Badge>
      </header>
      <ul className="history-fields" aria-label={`Changed fields of ${item.kind} ${item.name ?? item.id}`}>
        {changed.map((r) => (
          <li key={r.field} className="history-field history-field-changed" data-testid={`history-field-${key}-${r.field}`}>
            <code className="history-field-name">{r.field}</code>
            <span className="history-values">
              {item.before !== null ? <del className="history-before">{formatValue(r.before)}</del> : null}
              {item.after !== null ? <ins className="history-after">{formatValue(r.after)}</ins> : null}
            </span>
          </li>
        ))}
      </ul>
      {rest.length > 0 ? (
        <details className="history-unchanged">
          <summary>{rest.length} unchanged fields</summary>
          <ul className="history-fields">
            {rest.map((r) => (
              <li key={r.field} className="history-field">
                <code className="history-field-name">{r.field}</code>
                <span className="history-values">{formatValue(r.after ?? r.before)}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}

export function RevisionDiff({ from, to, changes }: { from: number; to: number; changes: ReadonlyArray<HistoryItemDiff> }) {
  return (
    <section className="history-diff" aria-label={`Changes from revision ${from} to ${to}`} data-testid="history-diff">
      <h2 className="history-diff-title">
        From #{from} to #{to}: {changes.length} {changes.length === 1 ? 'item' : 'items'} changed
      </h2>
      {changes.length === 0 ? <p className="muted">Nothing in this tenant changed between these revisions.</p> : null}
      {changes.map((c) => (
        <ItemDiff key={`${c.kind}/${c.id}`} item={c} />
      ))}
    </section>
  );
}
