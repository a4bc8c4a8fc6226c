import type { AuditLogEntry } from '@aya/config-schema';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { DataTable, type Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import { ACTION_TONES } from '../audit-format';

const COLUMNS: ReadonlyArray<Column<AuditLogEntry>> = [
  { header: 'When', cell: (e) => <RelativeTime iso={e.createdAt} />, className: 'muted nowrap' },
  {
    header: 'Actor',
    cell: (e) => (
      <span title={e.address ? `from ${e.address}` : undefined}>
        {e.actor.name}
        {e.actor.kind === 'token' ? <span className="muted"> (token)</span> : null}
      </span>
    ),
  },
  { header: 'Action', cell: (e) => <Badge tone={ACTION_TONES[e.action] ?? 'neutral'}>{e.action}</Badge> },
  {
    header: 'Resource',
    cell: (e) => (
      <span className="audit-resource">
        <span className="muted">{e.resource.type}</span> <span className="audit-resource-name">{e.resource.name ?? e.resource.id}</span>
      </span>
    ),
  },
  { header: 'Changes', className: 'num', cell: (e) => e.changes.length },
];

/** The log, newest first; "Details" opens an entry's diff. */
export function AuditTable({ entries, onOpen }: { entries: ReadonlyArray<AuditLogEntry>; onOpen: (entry: AuditLogEntry) => void }) {
  return (
    <DataTable
      label="Audit log"
      className="audit-table"
      columns={COLUMNS}
      rows={entries}
      rowKey={(e) => e.id}
      rowTestId={(e) => `audit-row-${e.id}`}
      actions={(e) => (
        <Button size="sm" onClick={() => onOpen(e)} aria-label={`Details of ${e.action} ${e.resource.type} ${e.resource.name ?? e.resource.id}`}>
          Details
        </Button>
      )}
    />
  );
}
