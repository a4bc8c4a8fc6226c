import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Service } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { servicesKeys } from './keys';

export function serviceQueryOptions(tenant: string, id: string) {
  return queryOptions({
    queryKey: servicesKeys.detail(tenant, id),
    queryFn: ({ signal }) => api.get<Service>(tenantApiPath(tenant, 'services', id), { signal }),
  });
}

export function useService(tenant: string, id: string) {
  return useQuery(serviceQueryOptions(tenant, id));
}
