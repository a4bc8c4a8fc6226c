import type { Service } from '@aya/config-schema';
import type { Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';

/** The services list's columns after Name. */
export const SERVICE_COLUMNS: ReadonlyArray<Column<Service>> = [
  { header: 'URL', cell: (s) => <code className="mono">{s.url}</code> },
  {
    header: 'Timeouts (connect / read)',
    className: 'num',
    cell: (s) => `${s.connectTimeoutMs.toLocaleString()} / ${s.readTimeoutMs.toLocaleString()} ms`,
  },
  { header: 'Retries', className: 'num', cell: (s) => s.retries },
  { header: 'Updated', className: 'muted', cell: (s) => <RelativeTime iso={s.updatedAt} /> },
];
