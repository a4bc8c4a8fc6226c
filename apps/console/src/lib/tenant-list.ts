import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Page } from '@aya/config-schema';
import { callPath } from './api-client';
import { collectionOf, type PageItem, type TenantCollectionPath } from './api/typed-paths';
import { listApiQuery, type ListParams } from './list-params';
import { LIST_PAGE_SIZE } from './paths';

/** A page of a collection searched, filtered and sorted by the API (its `total` counts every match). */
export type ListPage<T> = Page<T> & { total?: number };

/**
 * One page of a tenant's collection, as the API searches and sorts it. Under the tenant scope key, so any write
 * refreshes it; the previous page stays on screen while the next one loads (no flash of "Loading").
 */
export function tenantListQueryOptions<P extends TenantCollectionPath>(tenant: string, path: P, params: ListParams, cursor: string | undefined) {
  return queryOptions({
    queryKey: ['tenants', tenant, collectionOf(path), 'list', 'search', params, cursor ?? null] as const,
    queryFn: ({ signal }) =>
      callPath<ListPage<PageItem<P>>>('GET', path, { params: { path: { tenant }, query: listApiQuery(params, LIST_PAGE_SIZE, cursor) }, signal }),
    placeholderData: keepPreviousData,
  });
}
