import { useQuery } from '@tanstack/react-query';
import { tenantItemQueryOptions } from '../../../lib/tenant-resource';

export function pluginQueryOptions(tenant: string, id: string) {
  return tenantItemQueryOptions(tenant, '/api/v1/tenants/{tenant}/plugins/{id}', id);
}

export function usePlugin(tenant: string, id: string) {
  return useQuery(pluginQueryOptions(tenant, id));
}
