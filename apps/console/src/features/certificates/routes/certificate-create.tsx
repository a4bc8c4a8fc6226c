import { CreateResourcePage } from '../../../components/resource-form-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCreateCertificate } from '../api/create-certificate';
import { CertificateForm } from '../components/certificate-form';

export function CertificateCreateRoute() {
  const tenant = useTenant();
  const create = useCreateCertificate(tenant);
  return <CreateResourcePage noun="certificate" listPath={consolePath(tenant, 'certificates')} save={create.mutateAsync} form={(binding) => <CertificateForm {...binding} />} />;
}
