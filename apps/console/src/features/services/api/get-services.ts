import { useQuery } from '@tanstack/react-query';
import type { Service } from '@aya/config-schema';
import type { ListParams } from '../../../lib/list-params';
import { tenantListQueryOptions } from '../../../lib/tenant-list';

/** One page of the tenant's services as the API searches, filters and sorts them. */
export function useServicesPage(tenant: string, params: ListParams, cursor: string | undefined) {
  return useQuery(tenantListQueryOptions<Service>(tenant, 'services', params, cursor));
}
