import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../../../lib/api-client';
import type { ApiSchema } from '../../../lib/api/types';
import { tenantScopeKey } from '../../../lib/paths';

export type TenantOverview = ApiSchema<'TenantOverview'>;

/** Health reports and node sync move without a write here: the dashboard reads them again now and then. */
export const OVERVIEW_REFRESH_MS = 10_000;

export function overviewQueryOptions(tenant: string) {
  return queryOptions({
    // under the tenant's scope: every config write of the console invalidates it
    queryKey: [...tenantScopeKey(tenant), 'overview'] as const,
    queryFn: ({ signal }) => unwrap(client.GET('/api/v1/tenants/{tenant}/overview', { params: { path: { tenant } }, signal })),
    refetchInterval: OVERVIEW_REFRESH_MS,
  });
}

export function useOverview(tenant: string) {
  return useQuery(overviewQueryOptions(tenant));
}
