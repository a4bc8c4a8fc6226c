import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useRoute } from '../api/get-route';
import { useServiceOptions } from '../api/get-service-options';
import { useUpdateRoute } from '../api/update-route';
import { RouteForm } from '../components/route-form';

export function RouteEditRoute() {
  const tenant = useTenant();
  const id = useParams().routeId ?? '';
  const navigate = useNavigate();
  const route = useRoute(tenant, id);
  const services = useServiceOptions(tenant);
  const update = useUpdateRoute(tenant);
  const listPath = consolePath(tenant, 'routes');

  if (route.isPending) return <Loading label="Loading route…" />;
  if (route.isError) return <ErrorState error={route.error} onRetry={() => void route.refetch()} />;

  return (
    <section>
      <PageHeader title={`Edit route ${route.data.name}`} description={<span className="mono muted">{route.data.id}</span>} />
      <RouteForm
        key={route.data.id}
        route={route.data}
        services={services.data ?? []}
        servicesLoading={services.isPending}
        submitLabel="Save changes"
        cancelTo={listPath}
        onSubmit={async (input) => {
          await update.mutateAsync({ id: route.data.id, input });
          navigate(listPath);
        }}
      />
    </section>
  );
}
