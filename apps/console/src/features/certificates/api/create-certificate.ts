import type { Certificate, CertificateCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';

export function useCreateCertificate(tenant: string) {
  return useTenantWrite(tenant, (input: CertificateCreate) => api.post<Certificate>(tenantApiPath(tenant, 'certificates'), input));
}
