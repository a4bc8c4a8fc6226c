import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Page, Route } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { LIST_PAGE_SIZE, tenantApiPath } from '../../../lib/paths';
import { routesKeys } from './keys';

export function routesQueryOptions(tenant: string) {
  return infiniteQueryOptions({
    queryKey: routesKeys.list(tenant),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Route>>(tenantApiPath(tenant, 'routes'), { query: { limit: LIST_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
}

export function useRoutes(tenant: string) {
  return useInfiniteQuery(routesQueryOptions(tenant));
}
