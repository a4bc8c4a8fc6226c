import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCreateService } from '../api/create-service';
import { ServiceForm } from '../components/service-form';

export function ServiceCreateRoute() {
  const tenant = useTenant();
  const navigate = useNavigate();
  const create = useCreateService(tenant);
  const listPath = consolePath(tenant, 'services');

  return (
    <section>
      <PageHeader title="New service" />
      <ServiceForm
        submitLabel="Create service"
        cancelTo={listPath}
        onSubmit={async (input) => {
          await create.mutateAsync(input);
          navigate(listPath);
        }}
      />
    </section>
  );
}
