import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useService } from '../api/get-service';
import { useUpdateService } from '../api/update-service';
import { ServiceForm } from '../components/service-form';

export function ServiceEditRoute() {
  const tenant = useTenant();
  const id = useParams().serviceId ?? '';
  const navigate = useNavigate();
  const service = useService(tenant, id);
  const update = useUpdateService(tenant);
  const listPath = consolePath(tenant, 'services');

  if (service.isPending) return <Loading label="Loading service…" />;
  if (service.isError) return <ErrorState error={service.error} onRetry={() => void service.refetch()} />;

  return (
    <section>
      <PageHeader title={`Edit service ${service.data.name}`} description={<span className="mono muted">{service.data.id}</span>} />
      <ServiceForm
        // Re-seed the form when another service is opened in the same mounted route.
        key={service.data.id}
        service={service.data}
        submitLabel="Save changes"
        cancelTo={listPath}
        onSubmit={async (input) => {
          await update.mutateAsync({ id: service.data.id, input });
          navigate(listPath);
        }}
      />
    </section>
  );
}
