import { upstreamCreateSchema } from '@aya/config-schema';
import { useTenantEdit } from '../../../lib/tenant-resource';
import { UPSTREAM_CLEAR_VALUES, UPSTREAM_FORM_FIELDS } from '../components/upstream-form-values';

/** PATCH of the changed fields: the targets table is the whole list, and fields this form does not show survive. */
export function useUpdateUpstream(tenant: string) {
  return useTenantEdit(tenant, '/api/v1/tenants/{tenant}/upstreams/{id}', {
    writableKeys: Object.keys(upstreamCreateSchema.shape),
    formKeys: UPSTREAM_FORM_FIELDS,
    clearValues: UPSTREAM_CLEAR_VALUES,
  });
}
