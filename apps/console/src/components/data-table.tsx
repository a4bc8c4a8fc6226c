import type { Key, ReactNode } from 'react';

export interface Column<T> {
  header: ReactNode;
  headerClassName?: string;
  /** Class of the cells (`num`, `muted`...); the header keeps the default look unless `headerClassName` is set. */
  className?: string;
  cell: (row: T, index: number) => ReactNode;
}

export interface DataTableProps<T> {
  label: string;
  columns: ReadonlyArray<Column<T>>;
  rows: ReadonlyArray<T>;
  rowKey: (row: T, index: number) => Key;
  rowTestId: (row: T, index: number) => string;
  /** Buttons of a row, in a last, unlabelled-on-screen "Actions" column. */
  actions?: (row: T, index: number) => ReactNode;
  /** Extra table classes, e.g. `table-compact`. */
  className?: string;
  /** Wrap in the scrolling card; off for a table that sits inside a form field. */
  wrapped?: boolean;
}

export function DataTable<T>({ label, columns, rows, rowKey, rowTestId, actions, className, wrapped = true }: DataTableProps<T>) {
  const table = (
    <table className={className ? `table ${className}` : 'table'} aria-label={label}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={c.headerClassName}>
              {c.header}
            </th>
          ))}
          {actions ? (
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)} data-testid={rowTestId(row, r)}>
            {columns.map((c, i) => (
              // a stacked table (narrow screens) prints the column's name before each cell from data-label
              <td key={i} className={c.className} data-label={typeof c.header === 'string' ? c.header : undefined}>
                {c.cell(row, r)}
              </td>
            ))}
            {actions ? <td className="col-actions">{actions(row, r)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return wrapped ? <div className="table-wrap">{table}</div> : table;
}
