import { useInfiniteQuery } from '@tanstack/react-query';
import type { Upstream } from '@aya/config-schema';
import { tenantPagesQueryOptions } from '../../../lib/tenant-resource';

export function upstreamsQueryOptions(tenant: string) {
  return tenantPagesQueryOptions<Upstream>(tenant, 'upstreams');
}

export function useUpstreams(tenant: string) {
  return useInfiniteQuery(upstreamsQueryOptions(tenant));
}
