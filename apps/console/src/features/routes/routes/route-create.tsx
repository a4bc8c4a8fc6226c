import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCreateRoute } from '../api/create-route';
import { useServiceOptions } from '../api/get-service-options';
import { RouteForm } from '../components/route-form';

export function RouteCreateRoute() {
  const tenant = useTenant();
  const navigate = useNavigate();
  const services = useServiceOptions(tenant);
  const create = useCreateRoute(tenant);
  const listPath = consolePath(tenant, 'routes');

  return (
    <section>
      <PageHeader title="New route" />
      <RouteForm
        services={services.data ?? []}
        servicesLoading={services.isPending}
        submitLabel="Create route"
        cancelTo={listPath}
        onSubmit={async (input) => {
          await create.mutateAsync(input);
          navigate(listPath);
        }}
      />
    </section>
  );
}
