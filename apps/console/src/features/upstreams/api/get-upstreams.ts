import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Page, Upstream } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { LIST_PAGE_SIZE, tenantApiPath } from '../../../lib/paths';
import { upstreamsKeys } from './keys';

export function upstreamsQueryOptions(tenant: string) {
  return infiniteQueryOptions({
    queryKey: upstreamsKeys.list(tenant),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Upstream>>(tenantApiPath(tenant, 'upstreams'), { query: { limit: LIST_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
}

export function useUpstreams(tenant: string) {
  return useInfiniteQuery(upstreamsQueryOptions(tenant));
}
