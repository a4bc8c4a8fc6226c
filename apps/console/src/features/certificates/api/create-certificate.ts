import type { CertificateCreate } from '@aya/config-schema';
import { client, unwrap } from '../../../lib/api-client';
import { useTenantWrite } from '../../../lib/tenant-resource';

export function useCreateCertificate(tenant: string) {
  return useTenantWrite(tenant, (body: CertificateCreate) => unwrap(client.POST('/api/v1/tenants/{tenant}/certificates', { params: { path: { tenant } }, body })));
}
