import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Page } from '@aya/config-schema';
import { api } from './api-client';
import { listApiQuery, type ListParams } from './list-params';
import { LIST_PAGE_SIZE, tenantApiPath, type TenantCollectionName } from './paths';

/** A page of a collection searched, filtered and sorted by the API (its `total` counts every match). */
export type ListPage<T> = Page<T> & { total?: number };

/**
 * One page of a tenant's collection, as the API searches and sorts it. Under the tenant scope key, so any write
 * refreshes it; the previous page stays on screen while the next one loads (no flash of "Loading").
 */
export function tenantListQueryOptions<T>(tenant: string, collection: TenantCollectionName, params: ListParams, cursor: string | undefined) {
  return queryOptions({
    queryKey: ['tenants', tenant, collection, 'list', 'search', params, cursor ?? null] as const,
    queryFn: ({ signal }) => api.get<ListPage<T>>(tenantApiPath(tenant, collection), { query: listApiQuery(params, LIST_PAGE_SIZE, cursor), signal }),
    placeholderData: keepPreviousData,
  });
}
