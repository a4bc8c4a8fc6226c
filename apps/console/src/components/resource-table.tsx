import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCanWriteConfig } from '../lib/write-access';
import { Button } from './button';
import { DataTable, type Column } from './data-table';

export interface NamedResource {
  id: string;
  name: string;
}

export interface ResourceTableProps<T extends NamedResource> {
  /** Table name, e.g. "Services". */
  label: string;
  /** One resource in words, e.g. "service": row test ids and the Edit/Delete names use it. */
  noun: string;
  rows: ReadonlyArray<T>;
  /** The columns after Name. */
  columns: ReadonlyArray<Column<T>>;
  editPath: (row: T) => string;
  /** Where the name links; default the editor. */
  viewPath?: (row: T) => string;
  onDelete: (row: T) => void;
  /** The Name column's header (a sort button); default the word. */
  nameHeader?: ReactNode;
}

/** A config collection: the name opens the editor, and each row has Edit and Delete. */
export function ResourceTable<T extends NamedResource>({ label, noun, rows, columns, editPath, viewPath = editPath, onDelete, nameHeader = 'Name' }: ResourceTableProps<T>) {
  const canWrite = useCanWriteConfig();
  const nameColumn: Column<T> = {
    header: nameHeader,
    cell: (row) => (
      <Link to={viewPath(row)} className="cell-primary">
        {row.name}
      </Link>
    ),
  };
  return (
    <DataTable
      label={label}
      columns={[nameColumn, ...columns]}
      rows={rows}
      rowKey={(row) => row.id}
      rowTestId={(row) => `${noun}-row-${row.name}`}
      actions={(row) => canWrite && (
        <>
          <Link to={editPath(row)} className="btn btn-ghost btn-sm" aria-label={`Edit ${noun} ${row.name}`}>
            Edit
          </Link>
          <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Delete ${noun} ${row.name}`} onClick={() => onDelete(row)}>
            Delete
          </Button>
        </>
      )}
    />
  );
}
