import { Button } from '../../../components/button';
import { DataTable, type Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import type { RevisionSummary } from '@aya/config-schema';
import { revisionSummary } from '../field-diff';
import { useCanWriteConfig } from '../../../lib/write-access';

export interface RevisionsTableProps {
  revisions: ReadonlyArray<RevisionSummary>;
  /** the revisions ticked for comparison (two at most) */
  picked: ReadonlyArray<number>;
  onPick: (revision: number, on: boolean) => void;
  onRollback: (revision: RevisionSummary) => void;
}

/** Revisions newest first: tick two to compare them; any but the newest can be rolled back to. */
export function RevisionsTable({ revisions, picked, onPick, onRollback }: RevisionsTableProps) {
  const newest = revisions[0]?.revision;
  // a rollback writes the tenant's config: a viewer compares, nothing more
  const canWrite = useCanWriteConfig();
  const columns: ReadonlyArray<Column<RevisionSummary>> = [
    {
      header: 'Compare',
      cell: (r) => (
        <input
          type="checkbox"
          aria-label={`Compare revision ${r.revision}`}
          data-testid={`history-pick-${r.revision}`}
          checked={picked.includes(r.revision)}
          disabled={!picked.includes(r.revision) && picked.length >= 2}
          onChange={(e) => onPick(r.revision, e.target.checked)}
        />
      ),
    },
    { header: 'Revision', className: 'num', cell: (r) => `#${r.revision}` },
    { header: 'When', cell: (r) => <RelativeTime iso={r.createdAt} /> },
    { header: 'Who', cell: (r) => r.actor ?? <span className="muted">system</span> },
    { header: 'What changed', cell: (r) => <span className="history-summary">{revisionSummary(r)}</span> },
  ];
  return (
    <DataTable
      label="Config revisions"
      columns={columns}
      rows={revisions}
      rowKey={(r) => r.revision}
      rowTestId={(r) => `history-row-${r.revision}`}
      actions={(r) =>
        r.revision === newest ? (
          <span className="muted">current</span>
        ) : !canWrite ? null : (
          <Button size="sm" onClick={() => onRollback(r)} data-testid={`history-rollback-${r.revision}`}>
            Roll back to this
          </Button>
        )
      }
    />
  );
}
