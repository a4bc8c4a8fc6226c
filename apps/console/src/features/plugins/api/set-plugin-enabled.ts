import type { Plugin } from '@aya/config-schema';
import { client, unwrap } from '../../../lib/api-client';
import { ifMatchAsSeen, useTenantWrite } from '../../../lib/tenant-resource';

/** The list's switch: a PATCH of `enabled` alone, conditional on the plugin as the list showed it (412 when changed since). */
export function useSetPluginEnabled(tenant: string) {
  return useTenantWrite(tenant, async ({ plugin, enabled }: { plugin: Plugin; enabled: boolean }) => {
    const path = { tenant, id: plugin.id };
    const header = await ifMatchAsSeen(client.GET('/api/v1/tenants/{tenant}/plugins/{id}', { params: { path } }), plugin);
    return unwrap(client.PATCH('/api/v1/tenants/{tenant}/plugins/{id}', { params: { path, header }, body: { enabled } }));
  });
}
