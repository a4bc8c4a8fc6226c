import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Page, Service } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';

export interface ServiceOption {
  id: string;
  name: string;
  url: string;
}

const MAX_PAGES = 10;

/**
 * Every service of the tenant (up to 5,000) for the route form's picker. The routes feature reads the
 * services endpoint itself rather than importing the services feature: features stay independent.
 */
export async function getServiceOptions(tenant: string, signal?: AbortSignal): Promise<ServiceOption[]> {
  const out: ServiceOption[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res: Page<Service> = await api.get<Page<Service>>(tenantApiPath(tenant, 'services'), { query: { limit: 500, cursor }, signal });
    out.push(...res.data.map((s) => ({ id: s.id, name: s.name, url: s.url })));
    if (!res.next) break;
    cursor = res.next;
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export function serviceOptionsQueryOptions(tenant: string) {
  return queryOptions({ queryKey: ['tenants', tenant, 'routes', 'service-options'] as const, queryFn: ({ signal }) => getServiceOptions(tenant, signal) });
}

export function useServiceOptions(tenant: string) {
  return useQuery(serviceOptionsQueryOptions(tenant));
}
