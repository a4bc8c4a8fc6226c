import { client, unwrap } from '../../../lib/api-client';
import { useTenantWrite } from '../../../lib/tenant-resource';
import type { PluginInput } from '../components/plugin-form-values';

export function useCreatePlugin(tenant: string) {
  return useTenantWrite(tenant, (body: PluginInput) => unwrap(client.POST('/api/v1/tenants/{tenant}/plugins', { params: { path: { tenant } }, body })));
}
