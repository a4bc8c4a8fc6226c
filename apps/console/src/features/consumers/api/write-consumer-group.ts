import { consumerGroupCreateSchema, type ConsumerGroup } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantEdit, useTenantWrite } from '../../../lib/tenant-resource';
import { GROUP_CLEAR_VALUES, GROUP_FORM_FIELDS, type ConsumerGroupInput } from '../components/consumer-group-form-values';

export function useCreateConsumerGroup(tenant: string) {
  return useTenantWrite(tenant, (input: ConsumerGroupInput) => api.post<ConsumerGroup>(tenantApiPath(tenant, 'consumer-groups'), input));
}

export function useUpdateConsumerGroup(tenant: string) {
  return useTenantEdit<ConsumerGroup, ConsumerGroupInput>(tenant, 'consumer-groups', {
    writableKeys: Object.keys(consumerGroupCreateSchema.shape),
    formKeys: GROUP_FORM_FIELDS,
    clearValues: GROUP_CLEAR_VALUES,
  });
}

export function useDeleteConsumerGroup(tenant: string) {
  return useTenantWrite(tenant, (id: string) => api.delete(tenantApiPath(tenant, 'consumer-groups', id)));
}
