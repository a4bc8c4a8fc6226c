import { PageHeader } from '../../../components/page-header';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { NODES_REFRESH_MS, useNodes } from '../api/get-nodes';
import { useConfigRevision } from '../api/get-config-revision';
import { NodesTable } from '../components/nodes-table';

export function NodesRoute() {
  const nodes = useNodes();
  const revision = useConfigRevision();
  const list = nodes.data ?? [];
  const outOfSync = list.filter((n) => !n.inSync).length;

  return (
    <section>
      <PageHeader title="Gateway nodes" description={`Every gateway that reported in, refreshed every ${NODES_REFRESH_MS / 1000} s.`} />
      <div className="stats" aria-label="Cluster summary">
        <div className="stat" data-testid="config-revision">
          <span className="stat-label">Config revision</span>
          <span className="stat-value">{revision.data ? revision.data.revision : revision.isError ? '—' : '…'}</span>
          {revision.data ? (
            <code className="stat-sub mono" title={revision.data.hash}>
              {revision.data.hash.slice(0, 12)}
            </code>
          ) : null}
        </div>
        <div className="stat">
          <span className="stat-label">Nodes</span>
          <span className="stat-value">{nodes.data ? list.length : '…'}</span>
        </div>
        <div className={`stat${outOfSync ? ' stat-alert' : ''}`} data-testid="nodes-out-of-sync">
          <span className="stat-label">Out of sync</span>
          <span className="stat-value">{nodes.data ? outOfSync : '…'}</span>
        </div>
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
          <NodesTable nodes={list} currentRevision={revision.data?.revision} />
        )
      ) : nodes.isError ? (
        <ErrorState error={nodes.error} onRetry={() => void nodes.refetch()} />
      ) : (
        <Loading label="Loading nodes…" />
      )}
    </section>
  );
}
