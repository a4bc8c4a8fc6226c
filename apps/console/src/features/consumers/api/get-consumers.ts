import { useInfiniteQuery } from '@tanstack/react-query';
import type { Consumer } from '@aya/config-schema';
import { tenantPagesQueryOptions } from '../../../lib/tenant-resource';

export function consumersQueryOptions(tenant: string) {
  return tenantPagesQueryOptions<Consumer>(tenant, 'consumers');
}

export function useConsumers(tenant: string) {
  return useInfiniteQuery(consumersQueryOptions(tenant));
}
