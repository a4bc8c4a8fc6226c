import { Badge } from '../../../components/badge';
import type { GatewayNode } from '../api/types';

export function SyncBadge({ node }: { node: GatewayNode }) {
  return (
    <Badge tone={node.inSync ? 'success' : 'danger'} testId={`node-sync-${node.id}`}>
      <span className="badge-dot" aria-hidden="true" />
      {node.inSync ? 'In sync' : 'Out of sync'}
    </Badge>
  );
}
