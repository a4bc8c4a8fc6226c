import { useParams } from 'react-router';
import { EditResourcePage } from '../../../components/resource-form-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCertificatePicker } from '../api/get-certificate-options';
import { useService } from '../api/get-service';
import { useUpdateService } from '../api/update-service';
import { ServiceForm } from '../components/service-form';

export function ServiceEditRoute() {
  const tenant = useTenant();
  const service = useService(tenant, useParams().serviceId ?? '');
  const update = useUpdateService(tenant);
  const picker = useCertificatePicker(tenant);
  return (
    <EditResourcePage
      noun="service"
      listPath={consolePath(tenant, 'services')}
      record={service}
      save={update.mutateAsync}
      form={(data, binding) => <ServiceForm service={data} {...picker} {...binding} />}
    />
  );
}
