import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchAllPages } from '../../../lib/tenant-resource';

export interface ServiceOption {
  id: string;
  name: string;
  url: string;
}

/**
 * Every service of the tenant (up to 5,000) for the route form's picker. The routes feature reads the
 * services endpoint itself rather than importing the services feature: features stay independent.
 */
export async function getServiceOptions(tenant: string, signal?: AbortSignal): Promise<ServiceOption[]> {
  const services = await fetchAllPages('/api/v1/tenants/{tenant}/services', { tenant }, signal);
  return services.map((s) => ({ id: s.id, name: s.name, url: s.url })).sort((a, b) => a.name.localeCompare(b.name));
}

export function serviceOptionsQueryOptions(tenant: string) {
  return queryOptions({ queryKey: ['tenants', tenant, 'routes', 'service-options'] as const, queryFn: ({ signal }) => getServiceOptions(tenant, signal) });
}

export function useServiceOptions(tenant: string) {
  return useQuery(serviceOptionsQueryOptions(tenant));
}
