import { useEffect, useId, useRef } from 'react';
import type { AuditLogEntry } from '@aya/config-schema';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Disclosure } from '../../../components/disclosure';
import { ACTION_TONES } from '../audit-format';
import { AuditChanges } from './audit-changes';

const ACTOR_KINDS: Readonly<Record<AuditLogEntry['actor']['kind'], string>> = {
  session: 'signed-in user',
  token: 'admin token',
  env: 'AYA_ADMIN_TOKEN',
};

/** One entry: who, from where, when, which revision, and its diff; the whole records stay one click away. */
export function AuditDetailDialog({ entry, onClose }: { entry: AuditLogEntry | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (entry && !dialog.open) dialog.showModal();
    if (!entry && dialog.open) dialog.close();
  }, [entry]);

  return (
    <dialog
      ref={ref}
      className="dialog audit-dialog"
      aria-labelledby={titleId}
      data-testid="audit-detail"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {entry ? (
        <div className="dialog-body">
          <h2 id={titleId} className="dialog-title">
            <Badge tone={ACTION_TONES[entry.action] ?? 'neutral'}>{entry.action}</Badge> {entry.resource.type}{' '}
            <span className="audit-resource-name">{entry.resource.name ?? entry.resource.id}</span>
          </h2>
          <dl className="audit-facts">
            <dt>When</dt>
            <dd>
              <time dateTime={entry.createdAt}>{new Date(entry.createdAt).toLocaleString()}</time>
            </dd>
            <dt>Who</dt>
            <dd>
              {entry.actor.name} <span className="muted">({ACTOR_KINDS[entry.actor.kind]})</span>
            </dd>
            <dt>From</dt>
            <dd>{entry.address ?? <span className="muted">unknown</span>}</dd>
            <dt>Revision</dt>
            <dd>{entry.revision ?? <span className="muted">none (not a config change)</span>}</dd>
            <dt>Resource id</dt>
            <dd>
              <code className="mono">{entry.resource.id}</code>
            </dd>
          </dl>
          <h3 className="audit-section-title">Changes</h3>
          <AuditChanges changes={entry.changes} />
          <Disclosure title="Whole records" summary="before and after, as the API showed them">
            <div className="audit-records">
              <div>
                <h4 className="audit-section-title">Before</h4>
                <pre className="audit-json">{entry.before === null ? '—' : JSON.stringify(entry.before, null, 2)}</pre>
              </div>
              <div>
                <h4 className="audit-section-title">After</h4>
                <pre className="audit-json">{entry.after === null ? '—' : JSON.stringify(entry.after, null, 2)}</pre>
              </div>
            </div>
          </Disclosure>
          <div className="dialog-actions">
            <Button onClick={onClose}>Close</Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
