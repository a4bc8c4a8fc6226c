import type { Route } from '@aya/config-schema';
import { Badge } from '../../../components/badge';
import type { Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import type { SortBy } from '../../../lib/sort-by';

function List({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <span className="muted">{empty}</span>;
  return (
    <span className="tag-list">
      {items.map((i) => (
        <code key={i} className="tag">
          {i}
        </code>
      ))}
    </span>
  );
}

/** The routes list's columns after Name; Updated sorts. */
export function routeColumns(sortBy: SortBy): ReadonlyArray<Column<Route>> {
  return [
    { header: 'Service', cell: (r) => r.service },
    { header: 'Paths', cell: (r) => <List items={r.paths} empty="—" /> },
    { header: 'Methods', cell: (r) => <List items={r.methods} empty="any" /> },
    { header: 'Hosts', cell: (r) => <List items={r.hosts} empty="any" /> },
    { header: 'Strip path', cell: (r) => (r.stripPath ? <Badge tone="info">strip</Badge> : <span className="muted">keep</span>) },
    { header: sortBy('Updated', 'updatedAt'), className: 'muted', cell: (r) => <RelativeTime iso={r.updatedAt} /> },
  ];
}
