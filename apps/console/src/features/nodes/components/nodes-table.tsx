import { RelativeTime } from '../../../components/relative-time';
import type { GatewayNode } from '../api/types';
import { SyncBadge } from './sync-badge';

export function NodesTable({ nodes, currentRevision }: { nodes: GatewayNode[]; currentRevision?: number }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Gateway nodes">
        <thead>
          <tr>
            <th scope="col">Node ID</th>
            <th scope="col">Hostname</th>
            <th scope="col">Version</th>
            <th scope="col">Revision</th>
            <th scope="col">Last seen</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.id} data-testid={`node-row-${n.id}`}>
              <td>
                <code className="mono">{n.id}</code>
              </td>
              <td>{n.hostname}</td>
              <td>
                <code className="mono">{n.version}</code>
              </td>
              <td className="num">
                <span title={`hash ${n.hash}`}>{n.revision}</span>
                {currentRevision !== undefined && n.revision < currentRevision ? (
                  <span className="muted"> (behind by {currentRevision - n.revision})</span>
                ) : null}
              </td>
              <td className="muted">
                <RelativeTime iso={n.lastSeenAt} />
              </td>
              <td>
                <SyncBadge node={n} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
