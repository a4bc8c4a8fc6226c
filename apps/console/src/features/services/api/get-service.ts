import { useQuery } from '@tanstack/react-query';
import { tenantItemQueryOptions } from '../../../lib/tenant-resource';

export function serviceQueryOptions(tenant: string, id: string) {
  return tenantItemQueryOptions(tenant, '/api/v1/tenants/{tenant}/services/{id}', id);
}

export function useService(tenant: string, id: string) {
  return useQuery(serviceQueryOptions(tenant, id));
}
