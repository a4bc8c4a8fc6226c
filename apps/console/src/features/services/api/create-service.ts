import type { Service, ServiceCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';

export function useCreateService(tenant: string) {
  return useTenantWrite(tenant, (input: ServiceCreate) => api.post<Service>(tenantApiPath(tenant, 'services'), input));
}
