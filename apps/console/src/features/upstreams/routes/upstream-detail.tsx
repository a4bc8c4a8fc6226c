import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ReadOnlyNotice } from '../../../components/read-only-notice';
import { ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCanWriteConfig } from '../../../lib/write-access';
import { useUpstream } from '../api/get-upstream';
import { TargetHealthPanel } from '../components/target-health-panel';
import { UpstreamSummary } from '../components/upstream-summary';

export function UpstreamDetailRoute() {
  const tenant = useTenant();
  const upstream = useUpstream(tenant, useParams().upstreamId ?? '');
  const canWrite = useCanWriteConfig();
  if (upstream.isPending) return <Loading label="Loading upstream…" />;
  if (upstream.isError) return <ErrorState error={upstream.error} onRetry={() => void upstream.refetch()} />;
  const u = upstream.data;
  return (
    <section>
      <PageHeader
        title={`Upstream ${u.name}`}
        description={
          <>
            <code className="mono">upstream://{u.name}</code> · <span className="mono muted">{u.id}</span>
          </>
        }
        actions={
          <>
            <Link to={consolePath(tenant, 'upstreams')} className="btn btn-ghost">
              All upstreams
            </Link>
            {canWrite ? (
              <Link to={consolePath(tenant, 'upstreams', u.id, 'edit')} className="btn btn-primary">
                Edit upstream
              </Link>
            ) : null}
          </>
        }
      />
      {canWrite ? null : <ReadOnlyNotice />}
      <UpstreamSummary upstream={u} />
      <TargetHealthPanel tenant={tenant} upstream={u} />
    </section>
  );
}
