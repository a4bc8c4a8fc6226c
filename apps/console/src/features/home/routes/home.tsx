import { Compass } from 'lucide-react';
import { Button } from '../../../components/button';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, Loading } from '../../../components/status';
import { consolePath, tenantHomePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCanWriteConfig } from '../../../lib/write-access';
import { useOverview, type TenantOverview } from '../api/get-overview';
import { CountCards } from '../components/count-cards';
import { FirstRunGuide } from '../components/first-run-guide';
import { useGuideVisibility } from '../components/guide-visibility';
import { RecentChanges } from '../components/recent-changes';
import { SummaryCard } from '../components/summary-card';
import '../home.css';

/** `/console/t/:tenant`: the tenant's dashboard, and the first-run guide while it has no route. */
export function HomeRoute() {
  const tenant = useTenant();
  // the guide's remembered state belongs to the tenant: read it again after a switch
  return <Dashboard key={tenant} tenant={tenant} />;
}

function Dashboard({ tenant }: { tenant: string }) {
  const overview = useOverview(tenant);
  const guide = useGuideVisibility(tenant, overview.data?.counts.routes);
  const canWrite = useCanWriteConfig();
  const data = overview.data;

  return (
    <section>
      <PageHeader
        title="Home"
        description={data ? `What ${data.tenant.name} has configured and how its gateways are doing.` : undefined}
        actions={
          guide.shown ? null : (
            <Button size="sm" onClick={guide.open}>
              <Compass size={16} aria-hidden="true" />
              Getting started
            </Button>
          )
        }
      />
      {guide.shown ? <FirstRunGuide tenant={tenant} homePath={tenantHomePath(tenant)} canWrite={canWrite} onDismiss={guide.dismiss} /> : null}
      {data ? (
        <>
          {overview.isError ? (
            <div className="alert alert-warning" role="status">
              Refresh failed ({overview.error.message}); showing the last known state.
            </div>
          ) : null}
          <CountCards tenant={tenant} counts={data.counts} />
          <div className="home-grid">
            <UpstreamHealthCard tenant={tenant} health={data.upstreamHealth} />
            <NodeSyncCard tenant={tenant} nodes={data.nodes} />
            <TrafficCard />
          </div>
          <RecentChanges tenant={tenant} changes={data.recentChanges} />
        </>
      ) : overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <Loading label="Loading the dashboard…" />
      )}
    </section>
  );
}

function UpstreamHealthCard({ tenant, health }: { tenant: string; health: TenantOverview['upstreamHealth'] }) {
  return (
    <SummaryCard
      title="Upstream targets"
      id="target-health"
      link={{ to: consolePath(tenant, 'upstreams'), label: 'Upstreams' }}
      empty="No upstream targets yet."
      segments={[
        { key: 'healthy', label: 'Healthy', value: health.healthy, color: 'var(--color-success)' },
        { key: 'unhealthy', label: 'Unhealthy or breaker open', value: health.unhealthy, color: 'var(--color-danger)' },
        { key: 'unknown', label: 'Not reported by a gateway', value: health.unknown, color: 'var(--color-border-strong)' },
      ]}
    />
  );
}

function NodeSyncCard({ tenant, nodes }: { tenant: string; nodes: TenantOverview['nodes'] }) {
  return (
    <SummaryCard
      title="Gateway nodes"
      id="node-sync"
      link={{ to: consolePath(tenant, 'nodes'), label: 'Nodes' }}
      empty="No gateway has reported in yet: start one with the cluster token."
      segments={[
        { key: 'in-sync', label: 'In sync', value: nodes.inSync, color: 'var(--color-success)' },
        { key: 'drifting', label: 'Drifting (other revision)', value: nodes.drifting, color: 'var(--color-warning)' },
        { key: 'stale', label: 'Stale (not seen lately)', value: nodes.stale, color: 'var(--color-border-strong)' },
      ]}
    />
  );
}

/** Request metrics do not exist yet: the card says so rather than show numbers nobody measured. */
function TrafficCard() {
  return (
    <section className="card home-card" aria-labelledby="traffic-title" data-testid="traffic-card">
      <div className="home-card-head">
        <h2 id="traffic-title" className="home-card-title">
          Traffic
        </h2>
      </div>
      <p className="muted">Not measured yet: the gateways do not export request metrics. Requests, errors and latency will show here once they do.</p>
    </section>
  );
}
