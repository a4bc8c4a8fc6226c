import { useSearchParams } from 'react-router';
import { CreateResourcePage } from '../../../components/resource-form-page';
import { backPath } from '../../../lib/back-path';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCreateUpstream } from '../api/create-upstream';
import { UpstreamForm } from '../components/upstream-form';

export function UpstreamCreateRoute() {
  const tenant = useTenant();
  const create = useCreateUpstream(tenant);
  const back = backPath(useSearchParams()[0]);
  return <CreateResourcePage noun="upstream" listPath={back ?? consolePath(tenant, 'upstreams')} save={create.mutateAsync} form={(binding) => <UpstreamForm {...binding} />} />;
}
