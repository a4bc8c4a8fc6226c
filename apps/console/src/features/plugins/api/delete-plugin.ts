import type { Plugin } from '@aya/config-schema';
import { client } from '../../../lib/api-client';
import { ifMatchAsSeen, useTenantWrite } from '../../../lib/tenant-resource';

/** Conditional on the plugin as the table showed it: one changed since is not deleted unseen (412). */
export function useDeletePlugin(tenant: string) {
  return useTenantWrite(tenant, async (plugin: Plugin) => {
    const path = { tenant, id: plugin.id };
    const header = await ifMatchAsSeen(client.GET('/api/v1/tenants/{tenant}/plugins/{id}', { params: { path } }), plugin);
    await client.DELETE('/api/v1/tenants/{tenant}/plugins/{id}', { params: { path, header } });
  });
}
