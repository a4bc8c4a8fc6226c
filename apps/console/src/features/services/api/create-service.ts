import { client, unwrap } from '../../../lib/api-client';
import { useTenantWrite } from '../../../lib/tenant-resource';
import type { ServiceInput } from '../components/service-form-values';

export function useCreateService(tenant: string) {
  return useTenantWrite(tenant, (body: ServiceInput) => unwrap(client.POST('/api/v1/tenants/{tenant}/services', { params: { path: { tenant } }, body })));
}
