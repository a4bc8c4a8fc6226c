import { useParams } from 'react-router';
import { EditResourcePage } from '../../../components/resource-form-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useRoute } from '../api/get-route';
import { useServiceOptions } from '../api/get-service-options';
import { useUpdateRoute } from '../api/update-route';
import { RouteForm } from '../components/route-form';

export function RouteEditRoute() {
  const tenant = useTenant();
  const route = useRoute(tenant, useParams().routeId ?? '');
  const services = useServiceOptions(tenant);
  const update = useUpdateRoute(tenant);
  return (
    <EditResourcePage
      noun="route"
      listPath={consolePath(tenant, 'routes')}
      record={route}
      save={update.mutateAsync}
      form={(data, binding) => <RouteForm route={data} services={services.data ?? []} servicesLoading={services.isPending} {...binding} />}
    />
  );
}
