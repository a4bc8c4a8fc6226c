import { pluginCreateSchema } from '@aya/config-schema';
import { useTenantEdit } from '../../../lib/tenant-resource';
import { PLUGIN_CLEAR_VALUES, PLUGIN_FORM_FIELDS } from '../components/plugin-form-values';

/** PATCH of the changed fields (the whole config when it changed), so fields this form does not show survive. */
export function useUpdatePlugin(tenant: string) {
  return useTenantEdit(tenant, '/api/v1/tenants/{tenant}/plugins/{id}', {
    writableKeys: Object.keys(pluginCreateSchema.shape),
    formKeys: PLUGIN_FORM_FIELDS,
    clearValues: PLUGIN_CLEAR_VALUES,
  });
}
