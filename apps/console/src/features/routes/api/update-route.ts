import { routeCreateSchema } from '@aya/config-schema';
import { useTenantEdit } from '../../../lib/tenant-resource';
import { ROUTE_CLEAR_VALUES, ROUTE_FORM_FIELDS } from '../components/route-form-values';

/** PATCH of the changed fields (a carrying PUT when a JSON field is emptied), so fields this form does not show survive. */
export function useUpdateRoute(tenant: string) {
  return useTenantEdit(tenant, '/api/v1/tenants/{tenant}/routes/{id}', {
    writableKeys: Object.keys(routeCreateSchema.shape),
    formKeys: ROUTE_FORM_FIELDS,
    clearValues: ROUTE_CLEAR_VALUES,
  });
}
