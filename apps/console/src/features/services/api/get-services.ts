import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Page, Service } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { LIST_PAGE_SIZE, tenantApiPath } from '../../../lib/paths';
import { servicesKeys } from './keys';

export function servicesQueryOptions(tenant: string) {
  return infiniteQueryOptions({
    queryKey: servicesKeys.list(tenant),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Service>>(tenantApiPath(tenant, 'services'), { query: { limit: LIST_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
}

export function useServices(tenant: string) {
  return useInfiniteQuery(servicesQueryOptions(tenant));
}
