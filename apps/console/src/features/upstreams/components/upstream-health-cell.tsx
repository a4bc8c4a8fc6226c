import { useQuery } from '@tanstack/react-query';
import { Badge } from '../../../components/badge';
import { upstreamHealthQueryOptions } from '../api/get-upstream-health';

/** The list polls slower than the detail page: a page holds up to 50 upstreams, each one request. */
const LIST_REFRESH_MS = 10_000;

/** An upstream's targets as the gateways report them: all healthy, some down, or no reports yet (no gateway balances it). */
export function UpstreamHealthCell({ tenant, id, name }: { tenant: string; id: string; name: string }) {
  const health = useQuery({ ...upstreamHealthQueryOptions(tenant, id), refetchInterval: LIST_REFRESH_MS });
  const testId = `upstream-health-${name}`;
  if (health.isPending) return <span className="muted">…</span>;
  if (!health.data) return <span className="muted">unavailable</span>;
  const targets = health.data;
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
