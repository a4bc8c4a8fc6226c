import type { Consumer } from '@aya/config-schema';
import { api } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { useTenantWrite } from '../../../lib/tenant-resource';
import type { ConsumerInput } from '../components/consumer-form-values';

export function useCreateConsumer(tenant: string) {
  return useTenantWrite(tenant, (input: ConsumerInput) => api.post<Consumer>(tenantApiPath(tenant, 'consumers'), input));
}
