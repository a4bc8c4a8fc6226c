import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchAllPages } from '../../../lib/tenant-resource';

export interface ScopeOption {
  id: string;
  name: string;
}

export interface ScopeOptions {
  services: ScopeOption[];
  routes: ScopeOption[];
  consumers: ScopeOption[];
}

const byName = (a: ScopeOption, b: ScopeOption) => a.name.localeCompare(b.name);

/**
 * The services, routes and consumers a plugin can be scoped to, for the pickers and to show scopes by name.
 * The plugins feature reads those endpoints itself: features stay independent.
 */
export function scopeOptionsQueryOptions(tenant: string) {
  return queryOptions({
    queryKey: ['tenants', tenant, 'plugins', 'scope-options'] as const,
    queryFn: async ({ signal }): Promise<ScopeOptions> => {
      const [services, routes, consumers] = await Promise.all([
        fetchAllPages('/api/v1/tenants/{tenant}/services', { tenant }, signal),
        fetchAllPages('/api/v1/tenants/{tenant}/routes', { tenant }, signal),
        fetchAllPages('/api/v1/tenants/{tenant}/consumers', { tenant }, signal),
      ]);
      return {
        services: services.map((s) => ({ id: s.id, name: s.name })).sort(byName),
        routes: routes.map((r) => ({ id: r.id, name: r.name })).sort(byName),
        consumers: consumers.map((c) => ({ id: c.id, name: c.username })).sort(byName),
      };
    },
  });
}

export function useScopeOptions(tenant: string) {
  return useQuery(scopeOptionsQueryOptions(tenant));
}
