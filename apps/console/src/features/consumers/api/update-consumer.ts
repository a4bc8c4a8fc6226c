import { consumerCreateSchema } from '@aya/config-schema';
import { useTenantEdit } from '../../../lib/tenant-resource';
import { CONSUMER_CLEAR_VALUES, CONSUMER_FORM_FIELDS } from '../components/consumer-form-values';

export function useUpdateConsumer(tenant: string) {
  return useTenantEdit(tenant, '/api/v1/tenants/{tenant}/consumers/{id}', {
    writableKeys: Object.keys(consumerCreateSchema.shape),
    formKeys: CONSUMER_FORM_FIELDS,
    clearValues: CONSUMER_CLEAR_VALUES,
  });
}
