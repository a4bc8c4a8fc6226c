import type { Plugin } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';

/** The list's switch: a PATCH of `enabled` alone. */
export function useSetPluginEnabled(tenant: string) {
  return useTenantWrite(tenant, ({ id, enabled }: { id: string; enabled: boolean }) => api.patch<Plugin>(tenantApiPath(tenant, 'plugins', id), { enabled }));
}
