import { useParams } from 'react-router';
import { EditResourcePage } from '../../../components/resource-form-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useUpstream } from '../api/get-upstream';
import { useUpdateUpstream } from '../api/update-upstream';
import { UpstreamForm } from '../components/upstream-form';

export function UpstreamEditRoute() {
  const tenant = useTenant();
  const upstream = useUpstream(tenant, useParams().upstreamId ?? '');
  const update = useUpdateUpstream(tenant);
  return (
    <EditResourcePage
      noun="upstream"
      listPath={consolePath(tenant, 'upstreams')}
      record={upstream}
      save={update.mutateAsync}
      form={(data, binding) => <UpstreamForm upstream={data} {...binding} />}
    />
  );
}
