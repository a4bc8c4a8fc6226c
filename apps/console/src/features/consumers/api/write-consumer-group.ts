import { consumerGroupCreateSchema } from '@aya/config-schema';
import { client, unwrap } from '../../../lib/api-client';
import { useTenantEdit, useTenantWrite } from '../../../lib/tenant-resource';
import { GROUP_CLEAR_VALUES, GROUP_FORM_FIELDS, type ConsumerGroupInput } from '../components/consumer-group-form-values';

export function useCreateConsumerGroup(tenant: string) {
  return useTenantWrite(tenant, (body: ConsumerGroupInput) => unwrap(client.POST('/api/v1/tenants/{tenant}/consumer-groups', { params: { path: { tenant } }, body })));
}

export function useUpdateConsumerGroup(tenant: string) {
  return useTenantEdit(tenant, '/api/v1/tenants/{tenant}/consumer-groups/{id}', {
    writableKeys: Object.keys(consumerGroupCreateSchema.shape),
    formKeys: GROUP_FORM_FIELDS,
    clearValues: GROUP_CLEAR_VALUES,
  });
}

export function useDeleteConsumerGroup(tenant: string) {
  return useTenantWrite(tenant, (id: string) => client.DELETE('/api/v1/tenants/{tenant}/consumer-groups/{id}', { params: { path: { tenant, id } } }));
}
