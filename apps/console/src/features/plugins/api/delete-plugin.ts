import type { Plugin } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { etagAsSeen, useTenantWrite } from '../../../lib/tenant-resource';

/** Conditional on the plugin as the table showed it: one changed since is not deleted unseen (412). */
export function useDeletePlugin(tenant: string) {
  return useTenantWrite(tenant, async (plugin: Plugin) => {
    const path = tenantApiPath(tenant, 'plugins', plugin.id);
    return api.delete(path, { ifMatch: await etagAsSeen(api, path, plugin) });
  });
}
