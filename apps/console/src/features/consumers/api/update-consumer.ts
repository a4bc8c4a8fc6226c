import { consumerCreateSchema, type Consumer } from '@aya/config-schema';
import { useTenantEdit } from '../../../lib/tenant-resource';
import { CONSUMER_CLEAR_VALUES, CONSUMER_FORM_FIELDS, type ConsumerInput } from '../components/consumer-form-values';

export function useUpdateConsumer(tenant: string) {
  return useTenantEdit<Consumer, ConsumerInput>(tenant, 'consumers', {
    writableKeys: Object.keys(consumerCreateSchema.shape),
    formKeys: CONSUMER_FORM_FIELDS,
    clearValues: CONSUMER_CLEAR_VALUES,
  });
}
