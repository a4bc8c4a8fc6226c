import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Page, Tenant } from '@aya/config-schema';
import { api } from '../../../lib/api-client';

export const tenantsQueryKey = ['tenants', '@list'] as const;

/** The switcher lists the first 500 tenants; an operator with more types the slug in the URL. */
export async function getTenants(signal?: AbortSignal): Promise<Tenant[]> {
  const res = await api.get<Page<Tenant> | Tenant[]>('/api/v1/tenants', { query: { limit: 500 }, signal });
  return Array.isArray(res) ? res : res.data;
}

export function tenantsQueryOptions() {
  return queryOptions({ queryKey: tenantsQueryKey, queryFn: ({ signal }) => getTenants(signal), staleTime: 30_000 });
}

export function useTenants() {
  return useQuery(tenantsQueryOptions());
}
