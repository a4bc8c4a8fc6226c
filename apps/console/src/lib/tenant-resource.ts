import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@aya/config-schema';
import { api } from './api-client';
import { LIST_PAGE_SIZE, tenantApiPath, tenantScopeKey } from './paths';

export type TenantCollection = Parameters<typeof tenantApiPath>[1];

/** Query keys of one tenant-scoped collection; all of them sit under `tenantScopeKey` so a write refreshes them. */
export function tenantResourceKeys<C extends TenantCollection>(collection: C) {
  return {
    list: (tenant: string) => ['tenants', tenant, collection, 'list'] as const,
    detail: (tenant: string, id: string) => ['tenants', tenant, collection, 'detail', id] as const,
  };
}

/** A collection read page by page with the API's cursor, for a list with "Load more". */
export function tenantPagesQueryOptions<T>(tenant: string, collection: TenantCollection) {
  return infiniteQueryOptions({
    queryKey: tenantResourceKeys(collection).list(tenant),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<T>>(tenantApiPath(tenant, collection), { query: { limit: LIST_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
}

export function tenantItemQueryOptions<T>(tenant: string, collection: TenantCollection, id: string) {
  return queryOptions({
    queryKey: tenantResourceKeys(collection).detail(tenant, id),
    queryFn: ({ signal }) => api.get<T>(tenantApiPath(tenant, collection, id), { signal }),
  });
}

/** Any write to a tenant's config: afterwards every query about that tenant is stale (see `tenantScopeKey`). */
export function useTenantWrite<TVariables, TData = unknown>(tenant: string, write: (variables: TVariables) => Promise<TData>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantScopeKey(tenant) }),
  });
}
