import type { GatewayNode, NodeState } from '@aya/config-schema';
import { Badge, type BadgeTone } from '../../../components/badge';

const LOOK: Record<NodeState, { tone: BadgeTone; label: string; title: string }> = {
  'in-sync': { tone: 'success', label: 'In sync', title: 'Serves the current config revision' },
  drifting: { tone: 'warning', label: 'Drifting', title: 'Reports, but serves another config revision than the current one' },
  stale: { tone: 'danger', label: 'Stale', title: 'No heartbeat lately: stopped, or cut off from the control plane' },
};

export function SyncBadge({ node }: { node: GatewayNode }) {
  const look = LOOK[node.state];
  return (
    <span title={look.title}>
      <Badge tone={look.tone} testId={`node-sync-${node.id}`}>
        <span className="badge-dot" aria-hidden="true" />
        {look.label}
      </Badge>
    </span>
  );
}
