import type { Service } from '@aya/config-schema';
import type { Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import type { SortBy } from '../../../lib/sort-by';

/** The services list's columns after Name; URL and Updated sort. */
export function serviceColumns(sortBy: SortBy): ReadonlyArray<Column<Service>> {
  return [
    { header: sortBy('URL', 'url'), cell: (s) => <code className="mono">{s.url}</code> },
    {
      header: 'Timeouts (connect / read)',
      className: 'num',
      cell: (s) => `${s.connectTimeoutMs.toLocaleString()} / ${s.readTimeoutMs.toLocaleString()} ms`,
    },
    { header: 'Retries', className: 'num', cell: (s) => s.retries },
    { header: sortBy('Updated', 'updatedAt'), className: 'muted', cell: (s) => <RelativeTime iso={s.updatedAt} /> },
  ];
}
