import { client, unwrap } from '../../../lib/api-client';
import { useTenantWrite } from '../../../lib/tenant-resource';
import type { ConsumerInput } from '../components/consumer-form-values';

export function useCreateConsumer(tenant: string) {
  return useTenantWrite(tenant, (body: ConsumerInput) => unwrap(client.POST('/api/v1/tenants/{tenant}/consumers', { params: { path: { tenant } }, body })));
}
