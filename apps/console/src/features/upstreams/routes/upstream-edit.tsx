import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useUpstream } from '../api/get-upstream';
import { useUpdateUpstream } from '../api/update-upstream';
import { UpstreamForm } from '../components/upstream-form';

export function UpstreamEditRoute() {
  const tenant = useTenant();
  const id = useParams().upstreamId ?? '';
  const navigate = useNavigate();
  const upstream = useUpstream(tenant, id);
  const update = useUpdateUpstream(tenant);
  const listPath = consolePath(tenant, 'upstreams');

  if (upstream.isPending) return <Loading label="Loading upstream…" />;
  if (upstream.isError) return <ErrorState error={upstream.error} onRetry={() => void upstream.refetch()} />;

  return (
    <section>
      <PageHeader title={`Edit upstream ${upstream.data.name}`} description={<span className="mono muted">{upstream.data.id}</span>} />
      <UpstreamForm
        // Re-seed the form when another upstream is opened in the same mounted route.
        key={upstream.data.id}
        upstream={upstream.data}
        submitLabel="Save changes"
        cancelTo={listPath}
        onSubmit={async (input) => {
          await update.mutateAsync({ id: upstream.data.id, input });
          navigate(listPath);
        }}
      />
    </section>
  );
}
