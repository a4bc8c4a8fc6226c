import type { Service, ServiceCreate } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';

/** PUT: the edit form always holds the whole service, so a full replace keeps omitted fields from surviving by accident. */
export function useUpdateService(tenant: string) {
  return useTenantWrite(tenant, ({ id, input }: { id: string; input: ServiceCreate }) => api.put<Service>(tenantApiPath(tenant, 'services', id), input));
}
