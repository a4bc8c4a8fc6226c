import { useQuery } from '@tanstack/react-query';
import type { Service } from '@aya/config-schema';
import { tenantItemQueryOptions } from '../../../lib/tenant-resource';

export function serviceQueryOptions(tenant: string, id: string) {
  return tenantItemQueryOptions<Service>(tenant, 'services', id);
}

export function useService(tenant: string, id: string) {
  return useQuery(serviceQueryOptions(tenant, id));
}
