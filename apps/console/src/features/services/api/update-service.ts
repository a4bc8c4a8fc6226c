import { serviceCreateSchema } from '@aya/config-schema';
import { useTenantEdit } from '../../../lib/tenant-resource';
import { SERVICE_CLEAR_VALUES, SERVICE_FORM_FIELDS } from '../components/service-form-values';

/** PATCH of the changed fields (a carrying PUT when a field is emptied), so fields this form does not show survive. */
export function useUpdateService(tenant: string) {
  return useTenantEdit(tenant, '/api/v1/tenants/{tenant}/services/{id}', {
    writableKeys: Object.keys(serviceCreateSchema.shape),
    formKeys: SERVICE_FORM_FIELDS,
    clearValues: SERVICE_CLEAR_VALUES,
  });
}
