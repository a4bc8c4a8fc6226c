import { useQuery } from '@tanstack/react-query';
import { tenantItemQueryOptions } from '../../../lib/tenant-resource';

export function consumerQueryOptions(tenant: string, id: string) {
  return tenantItemQueryOptions(tenant, '/api/v1/tenants/{tenant}/consumers/{id}', id);
}

export function useConsumer(tenant: string, id: string) {
  return useQuery(consumerQueryOptions(tenant, id));
}

/** The consumer under the `name` the shared edit page titles resources with. */
export function useNamedConsumer(tenant: string, id: string) {
  return useQuery({ ...consumerQueryOptions(tenant, id), select: (c) => ({ ...c, name: c.username }) });
}
