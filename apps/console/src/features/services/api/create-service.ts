import type { Service } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';
import type { ServiceInput } from '../components/service-form-values';

export function useCreateService(tenant: string) {
  return useTenantWrite(tenant, (input: ServiceInput) => api.post<Service>(tenantApiPath(tenant, 'services'), input));
}
