import { useSearchParams } from 'react-router';
import { CreateResourcePage } from '../../../components/resource-form-page';
import { backPath } from '../../../lib/back-path';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCreateService } from '../api/create-service';
import { useCertificatePicker } from '../api/get-certificate-options';
import { ServiceForm } from '../components/service-form';

/** `services/new[?upstream=<name>&back=<path>]`: the first-run guide opens it sending to the upstream it just made. */
export function ServiceCreateRoute() {
  const tenant = useTenant();
  const [search] = useSearchParams();
  const upstream = search.get('upstream');
  const preset = upstream ? { url: `upstream://${upstream}` } : undefined;
  const create = useCreateService(tenant);
  const picker = useCertificatePicker(tenant);
  return <CreateResourcePage noun="service" listPath={backPath(search) ?? consolePath(tenant, 'services')} save={create.mutateAsync} form={(binding) => <ServiceForm {...picker} {...binding} preset={preset} />} />;
}
