import { Badge, type BadgeTone } from '../../../components/badge';

const TONES: Record<string, BadgeTone> = { healthy: 'success', unhealthy: 'danger', open: 'danger', 'half-open': 'warning' };
const LABELS: Record<string, string> = { healthy: 'Healthy', unhealthy: 'Unhealthy', open: 'Breaker open', 'half-open': 'Half-open', unknown: 'No reports' };

export function TargetStateBadge({ state, testId }: { state: string; testId?: string }) {
  return (
    <Badge tone={TONES[state] ?? 'neutral'} testId={testId}>
      <span className="badge-dot" aria-hidden="true" />
      <span data-state={state}>{LABELS[state] ?? state}</span>
    </Badge>
  );
}
