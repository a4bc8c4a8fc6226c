import { useInfiniteQuery } from '@tanstack/react-query';
import type { Service } from '@aya/config-schema';
import { tenantPagesQueryOptions } from '../../../lib/tenant-resource';

export function servicesQueryOptions(tenant: string) {
  return tenantPagesQueryOptions<Service>(tenant, 'services');
}

export function useServices(tenant: string) {
  return useInfiniteQuery(servicesQueryOptions(tenant));
}
