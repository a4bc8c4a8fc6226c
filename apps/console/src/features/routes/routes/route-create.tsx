import { useSearchParams } from 'react-router';
import { CreateResourcePage } from '../../../components/resource-form-page';
import { backPath } from '../../../lib/back-path';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCreateRoute } from '../api/create-route';
import { useServiceOptions } from '../api/get-service-options';
import { RouteForm } from '../components/route-form';

/** `routes/new[?service=<name>&back=<path>]`: the first-run guide opens it on the service it just made. */
export function RouteCreateRoute() {
  const tenant = useTenant();
  const [search] = useSearchParams();
  const service = search.get('service');
  const services = useServiceOptions(tenant);
  const create = useCreateRoute(tenant);
  return (
    <CreateResourcePage
      noun="route"
      listPath={backPath(search) ?? consolePath(tenant, 'routes')}
      save={create.mutateAsync}
      form={(binding) => <RouteForm services={services.data ?? []} servicesLoading={services.isPending} {...binding} preset={service ? { service } : undefined} />}
    />
  );
}
