import { useQuery } from '@tanstack/react-query';
import { tenantItemQueryOptions } from '../../../lib/tenant-resource';

export function routeQueryOptions(tenant: string, id: string) {
  return tenantItemQueryOptions(tenant, '/api/v1/tenants/{tenant}/routes/{id}', id);
}

export function useRoute(tenant: string, id: string) {
  return useQuery(routeQueryOptions(tenant, id));
}
