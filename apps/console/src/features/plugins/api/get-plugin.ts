import { useQuery } from '@tanstack/react-query';
import type { Plugin } from '@aya/config-schema';
import { tenantItemQueryOptions } from '../../../lib/tenant-resource';

export function pluginQueryOptions(tenant: string, id: string) {
  return tenantItemQueryOptions<Plugin>(tenant, 'plugins', id);
}

export function usePlugin(tenant: string, id: string) {
  return useQuery(pluginQueryOptions(tenant, id));
}
