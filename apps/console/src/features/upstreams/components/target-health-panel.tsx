import type { Upstream } from '@aya/config-schema';
import { DataTable, type Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import { ErrorState, Loading } from '../../../components/status';
import { HEALTH_REFRESH_MS, useUpstreamHealth, type TargetHealth } from '../api/get-upstream-health';
import { HISTORY_SAMPLES, placeSamples, type PlacedSample } from '../utils/health-history';
import { HealthChart } from './health-chart';
import { TargetStateBadge } from './target-state-badge';

/** "10 minutes": how far back the chart reaches. */
function span(sampleMs: number): string {
  const minutes = Math.round((sampleMs * HISTORY_SAMPLES) / 60_000);
  return minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`;
}

function NodeDetails({ row }: { row: TargetHealth }) {
  if (row.nodes.length === 0) return <span className="muted">no gateway has reported this target yet</span>;
  return (
    <ul className="node-health-list">
      {row.nodes.map((n) => (
        <li key={n.nodeId} className="node-health" data-testid={`node-health-${row.target}-${n.nodeId}`}>
          <TargetStateBadge state={n.state} />
          <code className="mono node-health-id" title={n.nodeId}>
            {n.nodeId.slice(0, 12)}
          </code>
          <span className="muted">
            {n.latencyMs === null ? '— ms' : `${Math.round(n.latencyMs)} ms`} · {n.active} in flight · {n.consecutiveFailures} failures · since <RelativeTime iso={n.since} />
          </span>
        </li>
      ))}
    </ul>
  );
}

export function TargetHealthPanel({ tenant, upstream }: { tenant: string; upstream: Upstream }) {
  const health = useUpstreamHealth(tenant, upstream.id);
  const reported = health.data?.data ?? [];
  const sampleMs = health.data?.sampleMs ?? 10_000;
  const history = new Map<string, PlacedSample[]>((health.data?.history ?? []).map((h) => [h.target, placeSamples(h.samples, sampleMs)]));
  // Configured targets nobody reported yet still get a row.
  const rows: TargetHealth[] = [
    ...reported,
    ...upstream.targets.filter((t) => !reported.some((r) => r.target === t.target)).map((t) => ({ target: t.target, state: 'unknown', nodes: [] })),
  ];
  const columns: ReadonlyArray<Column<TargetHealth>> = [
    { header: 'Target', cell: (r) => <code className="mono cell-primary">{r.target}</code> },
    { header: 'State', cell: (r) => <TargetStateBadge state={r.state} testId={`target-state-${r.target}`} /> },
    { header: `Last ${span(sampleMs)}`, cell: (r) => <HealthChart target={r.target} samples={history.get(r.target) ?? []} /> },
    { header: 'Per gateway node', cell: (r) => <NodeDetails row={r} /> },
  ];

  return (
    <section className="panel" aria-labelledby="target-health-title">
      <div className="panel-head">
        <h2 id="target-health-title" className="panel-title">
          Target health
        </h2>
        <span className="muted panel-sub">
          {health.isFetching ? <span className="live-dot" aria-hidden="true" /> : null}
          live, every {HEALTH_REFRESH_MS / 1000} s
        </span>
      </div>
      {health.isError && !health.data ? (
        <ErrorState error={health.error} onRetry={() => void health.refetch()} />
      ) : health.isPending ? (
        <Loading label="Loading target health…" />
      ) : rows.length === 0 ? (
        <p className="muted">This upstream has no targets.</p>
      ) : (
        <>
          {health.isError ? (
            <div className="alert alert-warning" role="status">
              Refresh failed ({health.error.message}); showing the last known state.
            </div>
          ) : null}
          <DataTable label="Target health" className="health-table" columns={columns} rows={rows} rowKey={(r) => r.target} rowTestId={(r) => `target-health-${r.target}`} />
        </>
      )}
    </section>
  );
}
