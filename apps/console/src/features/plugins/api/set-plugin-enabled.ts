import type { Plugin } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { etagAsSeen, useTenantWrite } from '../../../lib/tenant-resource';

/** The list's switch: a PATCH of `enabled` alone, conditional on the plugin as the list showed it (412 when changed since). */
export function useSetPluginEnabled(tenant: string) {
  return useTenantWrite(tenant, async ({ plugin, enabled }: { plugin: Plugin; enabled: boolean }) => {
    const path = tenantApiPath(tenant, 'plugins', plugin.id);
    return api.patch<Plugin>(path, { enabled }, { ifMatch: await etagAsSeen(api, path, plugin) });
  });
}
