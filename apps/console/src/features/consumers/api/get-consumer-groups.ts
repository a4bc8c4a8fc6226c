import { queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ConsumerGroup } from '@aya/config-schema';
import { tenantApiPath } from '../../../lib/paths';
import { fetchAllPages, tenantItemQueryOptions, tenantPagesQueryOptions } from '../../../lib/tenant-resource';

export function consumerGroupsQueryOptions(tenant: string) {
  return tenantPagesQueryOptions<ConsumerGroup>(tenant, 'consumer-groups');
}

export function useConsumerGroups(tenant: string) {
  return useInfiniteQuery(consumerGroupsQueryOptions(tenant));
}

export function useConsumerGroup(tenant: string, id: string) {
  return useQuery(tenantItemQueryOptions<ConsumerGroup>(tenant, 'consumer-groups', id));
}

/** Every group name, for the consumer form's multi-select. */
export function groupNamesQueryOptions(tenant: string) {
  return queryOptions({
    queryKey: ['tenants', tenant, 'consumer-groups', 'names'] as const,
    queryFn: async ({ signal }) => (await fetchAllPages<ConsumerGroup>(tenantApiPath(tenant, 'consumer-groups'), signal)).map((g) => g.name).sort(),
  });
}

export function useGroupNames(tenant: string) {
  return useQuery(groupNamesQueryOptions(tenant));
}
