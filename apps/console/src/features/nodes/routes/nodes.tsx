import { Disclosure } from '../../../components/disclosure';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { NODES_REFRESH_MS, useNodes } from '../api/get-nodes';
import { useConfigRevision } from '../api/get-config-revision';
import { NodesTable } from '../components/nodes-table';
import '../nodes.css';

function Stat({ label, value, alert, testId }: { label: string; value: number | undefined; alert?: boolean; testId: string }) {
  return (
    <div className={`stat${alert && value ? ' stat-alert' : ''}`} data-testid={testId}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value ?? '…'}</span>
    </div>
  );
}

export function NodesRoute() {
  const nodes = useNodes();
  const revision = useConfigRevision();
  const list = nodes.data ?? [];
  // stale nodes fold away: the control plane deletes them after AYA_NODE_RETENTION_HOURS without a heartbeat
  const reporting = list.filter((n) => n.state !== 'stale');
  const stale = list.filter((n) => n.state === 'stale');
  const inSync = reporting.filter((n) => n.state === 'in-sync').length;
  const count = (n: number) => (nodes.data ? n : undefined);

  return (
    <section>
      <PageHeader title="Gateway nodes" description={`Every gateway that reported in, refreshed every ${NODES_REFRESH_MS / 1000} s.`} />
      <div className="stats nodes-stats" aria-label="Cluster summary">
        <div className="stat" data-testid="config-revision">
          <span className="stat-label">Config revision</span>
          <span className="stat-value">{revision.data ? revision.data.revision : revision.isError ? '—' : '…'}</span>
          {revision.data ? (
            <code className="stat-sub mono" title={revision.data.hash}>
              {revision.data.hash.slice(0, 12)}
            </code>
          ) : null}
        </div>
        <Stat label="In sync" value={count(inSync)} testId="nodes-in-sync" />
        <Stat label="Drifting" value={count(reporting.length - inSync)} alert testId="nodes-drifting" />
        <Stat label="Stale" value={count(stale.length)} alert testId="nodes-stale" />
      </div>
      {nodes.isError && nodes.data ? (
        <div className="alert alert-warning" role="status">
          Refresh failed ({nodes.error.message}); showing the last known state.
        </div>
      ) : null}
      {nodes.data ? (
        list.length === 0 ? (
          <EmptyState title="No gateway has reported in yet">
            <p>Start a gateway with the cluster token; it appears here after its first heartbeat.</p>
          </EmptyState>
        ) : (
          <div className="section-stack">
            {reporting.length ? (
              <NodesTable nodes={reporting} label="Gateway nodes" />
            ) : (
              <EmptyState title="No gateway is reporting">
                <p>Every node below stopped sending heartbeats.</p>
              </EmptyState>
            )}
            {stale.length ? (
              <Disclosure title="Stale nodes" summary={`${stale.length} not reporting, removed after 24 h by default`}>
                <NodesTable nodes={stale} label="Stale gateway nodes" />
              </Disclosure>
            ) : null}
          </div>
        )
      ) : nodes.isError ? (
        <ErrorState error={nodes.error} onRetry={() => void nodes.refetch()} />
      ) : (
        <Loading label="Loading nodes…" />
      )}
    </section>
  );
}
