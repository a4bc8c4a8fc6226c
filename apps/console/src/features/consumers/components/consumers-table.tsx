import { Link } from 'react-router';
import type { Consumer } from '@aya/config-schema';
import { Button } from '../../../components/button';
import { DataTable, type Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import type { SortBy } from '../../../lib/sort-by';
import { useCanWriteConfig } from '../../../lib/write-access';

export interface ConsumersTableProps {
  rows: Consumer[];
  viewPath: (c: Consumer) => string;
  editPath: (c: Consumer) => string;
  onDelete: (c: Consumer) => void;
  /** Username and Updated headers sort the list */
  sortBy: SortBy;
}

export function ConsumersTable({ rows, viewPath, editPath, onDelete, sortBy }: ConsumersTableProps) {
  // a viewer opens a consumer by its name; Edit and Delete would be refused
  const canWrite = useCanWriteConfig();
  const columns: ReadonlyArray<Column<Consumer>> = [
    {
      header: sortBy('Username', 'username'),
      cell: (c) => (
        <Link to={viewPath(c)} className="cell-primary">
          {c.username}
        </Link>
      ),
    },
    { header: 'Custom ID', cell: (c) => (c.customId ? <code className="mono">{c.customId}</code> : <span className="muted">—</span>) },
    {
      header: 'Groups',
      cell: (c) =>
        c.groups.length ? (
          <span className="tag-list">
            {c.groups.map((g) => (
              <span key={g} className="tag">
                {g}
              </span>
            ))}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    { header: sortBy('Updated', 'updatedAt'), className: 'muted', cell: (c) => <RelativeTime iso={c.updatedAt} /> },
  ];
  return (
    <DataTable
      label="Consumers"
      columns={columns}
      rows={rows}
      rowKey={(c) => c.id}
      rowTestId={(c) => `consumer-row-${c.username}`}
      actions={(c) => canWrite && (
        <>
          <Link to={editPath(c)} className="btn btn-ghost btn-sm" aria-label={`Edit consumer ${c.username}`}>
            Edit
          </Link>
          <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Delete consumer ${c.username}`} onClick={() => onDelete(c)}>
            Delete
          </Button>
        </>
      )}
    />
  );
}
