import type { Plugin } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';
import type { PluginInput } from '../components/plugin-form-values';

export function useCreatePlugin(tenant: string) {
  return useTenantWrite(tenant, (input: PluginInput) => api.post<Plugin>(tenantApiPath(tenant, 'plugins'), input));
}
