import type { GatewayNode } from '@aya/config-schema';
import { DataTable, type Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import { formatUptime } from '../format-uptime';
import { SyncBadge } from './sync-badge';

const dash = <span className="muted">—</span>;

const COLUMNS: ReadonlyArray<Column<GatewayNode>> = [
  {
    header: 'Node',
    cell: (n) => (
      <span className="node-name">
        <code className="mono">{n.id}</code>
        <span className="muted">{n.hostname}</span>
      </span>
    ),
  },
  { header: 'Address', cell: (n) => (n.address ? <code className="mono">{n.address}</code> : dash) },
  {
    header: 'Proxy',
    cell: (n) =>
      n.proxyUrls.length ? (
        <span className="node-urls">
          {n.proxyUrls.map((u) => (
            <code key={u} className="mono">
              {u}
            </code>
          ))}
        </span>
      ) : (
        dash
      ),
  },
  {
    header: 'Version',
    cell: (n) => (
      <span title={n.runtime ?? undefined}>
        <code className="mono">{n.version}</code>
      </span>
    ),
  },
  { header: 'Workers', className: 'num', cell: (n) => (n.workers ?? dash) },
  {
    header: 'Uptime',
    className: 'num',
    cell: (n) =>
      n.uptimeSeconds === null ? dash : <span title={n.startedAt ? `started ${new Date(n.startedAt).toLocaleString()}` : undefined}>{formatUptime(n.uptimeSeconds)}</span>,
  },
  {
    header: 'Revision',
    className: 'num',
    cell: (n) => (
      <>
        <span title={`hash ${n.hash}`}>{n.revision}</span>
        {n.revisionsBehind > 0 ? <span className="muted"> ({n.revisionsBehind} behind)</span> : null}
      </>
    ),
  },
  { header: 'Status', cell: (n) => <SyncBadge node={n} /> },
  { header: 'Last seen', className: 'muted', cell: (n) => <RelativeTime iso={n.lastSeenAt} /> },
];

/** Stacked rows (a label before each value) on a phone, a table from tablet width up: nodes.css. */
export function NodesTable({ nodes, label }: { nodes: GatewayNode[]; label: string }) {
  return (
    <DataTable
      label={label}
      className="nodes-table"
      columns={COLUMNS}
      rows={nodes}
      rowKey={(n) => n.id}
      rowTestId={(n) => `node-row-${n.id}`}
    />
  );
}
