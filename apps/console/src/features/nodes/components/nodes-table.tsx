import type { GatewayNode } from '@aya/config-schema';
import { DataTable, type Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import { SyncBadge } from './sync-badge';

function columns(currentRevision?: number): ReadonlyArray<Column<GatewayNode>> {
  return [
    { header: 'Node ID', cell: (n) => <code className="mono">{n.id}</code> },
    { header: 'Hostname', cell: (n) => n.hostname },
    { header: 'Version', cell: (n) => <code className="mono">{n.version}</code> },
    {
      header: 'Revision',
      className: 'num',
      cell: (n) => (
        <>
          <span title={`hash ${n.hash}`}>{n.revision}</span>
          {currentRevision !== undefined && n.revision < currentRevision ? (
            <span className="muted"> (behind by {currentRevision - n.revision})</span>
          ) : null}
        </>
      ),
    },
    { header: 'Last seen', className: 'muted', cell: (n) => <RelativeTime iso={n.lastSeenAt} /> },
    { header: 'Status', cell: (n) => <SyncBadge node={n} /> },
  ];
}

export function NodesTable({ nodes, currentRevision }: { nodes: GatewayNode[]; currentRevision?: number }) {
  return (
    <DataTable label="Gateway nodes" columns={columns(currentRevision)} rows={nodes} rowKey={(n) => n.id} rowTestId={(n) => `node-row-${n.id}`} />
  );
}
