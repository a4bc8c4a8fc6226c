import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { client, unwrap } from '../../../lib/api-client';
import { tenantScopeKey } from '../../../lib/paths';

/** The filters of `GET /api/v1/tenants/{t}/audit` (all optional; times as ISO 8601). */
export interface AuditFilters {
  resource?: string;
  actor?: string;
  since?: string;
  until?: string;
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * Newest first, page by page with the API's cursor. Under the tenant's scope key, so every write the console
 * makes refreshes it (the new entry shows at the top).
 */
export function auditQueryOptions(tenant: string, filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: [...tenantScopeKey(tenant), 'audit', filters] as const,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        client.GET('/api/v1/tenants/{tenant}/audit', {
          params: { path: { tenant }, query: { ...filters, limit: AUDIT_PAGE_SIZE, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
}

export function useAuditLog(tenant: string, filters: AuditFilters) {
  return useInfiniteQuery(auditQueryOptions(tenant, filters));
}
