import { useQuery } from '@tanstack/react-query';
import { tenantItemQueryOptions } from '../../../lib/tenant-resource';

export function useCertificate(tenant: string, id: string) {
  return useQuery(tenantItemQueryOptions(tenant, '/api/v1/tenants/{tenant}/certificates/{id}', id));
}
