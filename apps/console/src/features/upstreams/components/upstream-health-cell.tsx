import { Badge } from '../../../components/badge';
import type { TargetHealth } from '../api/get-upstream-health';

/**
 * An upstream's targets as the gateways report them: all healthy, some down, or no reports yet (no gateway
 * balances it). `targets` comes from the list page's one batch call; undefined while it loads or when it failed.
 */
export function UpstreamHealthCell({ name, targets, failed }: { name: string; targets: readonly TargetHealth[] | undefined; failed: boolean }) {
  const testId = `upstream-health-${name}`;
  if (targets === undefined) return <span className="muted">{failed ? 'unavailable' : '…'}</span>;
  if (targets.length === 0) {
    return (
      <Badge tone="neutral" testId={testId}>
        No reports
      </Badge>
    );
  }
  const healthy = targets.filter((t) => t.state === 'healthy').length;
  const tone = healthy === targets.length ? 'success' : healthy === 0 ? 'danger' : 'warning';
  return (
    <Badge tone={tone} testId={testId}>
      <span className="badge-dot" aria-hidden="true" />
      {healthy === targets.length ? `Healthy (${healthy})` : `${healthy} of ${targets.length} healthy`}
    </Badge>
  );
}
