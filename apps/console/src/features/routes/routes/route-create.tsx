import { CreateResourcePage } from '../../../components/resource-form-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCreateRoute } from '../api/create-route';
import { useServiceOptions } from '../api/get-service-options';
import { RouteForm } from '../components/route-form';

export function RouteCreateRoute() {
  const tenant = useTenant();
  const services = useServiceOptions(tenant);
  const create = useCreateRoute(tenant);
  return (
    <CreateResourcePage
      noun="route"
      listPath={consolePath(tenant, 'routes')}
      save={create.mutateAsync}
      form={(binding) => <RouteForm services={services.data ?? []} servicesLoading={services.isPending} {...binding} />}
    />
  );
}
