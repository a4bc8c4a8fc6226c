import { CreateResourcePage } from '../../../components/resource-form-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCreateUpstream } from '../api/create-upstream';
import { UpstreamForm } from '../components/upstream-form';

export function UpstreamCreateRoute() {
  const tenant = useTenant();
  const create = useCreateUpstream(tenant);
  return <CreateResourcePage noun="upstream" listPath={consolePath(tenant, 'upstreams')} save={create.mutateAsync} form={(binding) => <UpstreamForm {...binding} />} />;
}
