import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../../../lib/api-client';
import type { ApiSchema } from '../../../lib/api/types';

export const tenantsQueryKey = ['tenants', '@list'] as const;

/** The switcher lists the first 500 tenants; an operator with more types the slug in the URL. */
export async function getTenants(signal?: AbortSignal): Promise<ApiSchema<'Tenant'>[]> {
  return (await unwrap(client.GET('/api/v1/tenants', { params: { query: { limit: 500 } }, signal }))).data;
}

export function tenantsQueryOptions() {
  return queryOptions({ queryKey: tenantsQueryKey, queryFn: ({ signal }) => getTenants(signal), staleTime: 30_000 });
}

export function useTenants() {
  return useQuery(tenantsQueryOptions());
}
