import { CreateResourcePage } from '../../../components/resource-form-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCreateService } from '../api/create-service';
import { useCertificatePicker } from '../api/get-certificate-options';
import { ServiceForm } from '../components/service-form';

export function ServiceCreateRoute() {
  const tenant = useTenant();
  const create = useCreateService(tenant);
  const picker = useCertificatePicker(tenant);
  return <CreateResourcePage noun="service" listPath={consolePath(tenant, 'services')} save={create.mutateAsync} form={(binding) => <ServiceForm {...picker} {...binding} />} />;
}
