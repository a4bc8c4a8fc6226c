import type { Certificate } from '@aya/config-schema';
import { Link } from 'react-router';
import { Badge } from '../../../components/badge';
import type { Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import type { SortBy } from '../../../lib/sort-by';
import { certName } from '../utils/cert-name';
import { certificateInfo, expiryTone } from '../utils/pem-info';

function Snis({ snis }: { snis: string[] }) {
  if (snis.length === 0) return <span className="muted">none (by id only)</span>;
  return (
    <span className="tag-list">
      {snis.slice(0, 3).map((s) => (
        <code key={s} className="tag">
          {s}
        </code>
      ))}
      {snis.length > 3 ? <span className="muted">+{snis.length - 3} more</span> : null}
    </span>
  );
}

function Expiry({ cert }: { cert: Certificate }) {
  const info = certificateInfo(cert.cert);
  if (!info) return <span className="muted">unreadable</span>;
  const tone = expiryTone(info.notAfter, Date.now());
  return (
    <Badge tone={tone}>
      {tone === 'danger' ? 'Expired ' : ''}
      {info.notAfter.toISOString().slice(0, 10)}
    </Badge>
  );
}

/** The certificates list's columns: the SNIs open the detail page; Updated sorts. */
export function certificateColumns(detailPath: (c: Certificate) => string, sortBy: SortBy): ReadonlyArray<Column<Certificate>> {
  return [
    {
      header: 'SNIs',
      cell: (c) => (
        <Link to={detailPath(c)} className="cell-primary" aria-label={`Certificate ${certName(c)}`}>
          <Snis snis={c.snis} />
        </Link>
      ),
    },
    { header: 'Subject', cell: (c) => <span className="mono">{certificateInfo(c.cert)?.commonName ?? '—'}</span> },
    { header: 'Expires', cell: (c) => <Expiry cert={c} /> },
    {
      header: 'Key',
      cell: (c) =>
        c.hasKey ? <Badge tone="info">stored encrypted</Badge> : c.snis.length > 0 ? <Badge tone="danger">missing: never served</Badge> : <span className="muted">none (CA)</span>,
    },
    { header: sortBy('Updated', 'updatedAt'), className: 'muted', cell: (c) => <RelativeTime iso={c.updatedAt} /> },
  ];
}
