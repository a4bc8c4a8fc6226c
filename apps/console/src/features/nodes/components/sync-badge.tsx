import type { GatewayNode } from '@aya/config-schema';
import { Badge } from '../../../components/badge';

export function SyncBadge({ node }: { node: GatewayNode }) {
  return (
    <Badge tone={node.inSync ? 'success' : 'danger'} testId={`node-sync-${node.id}`}>
      <span className="badge-dot" aria-hidden="true" />
      {node.inSync ? 'In sync' : 'Out of sync'}
    </Badge>
  );
}
