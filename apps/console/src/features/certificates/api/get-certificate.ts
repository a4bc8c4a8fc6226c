import { useQuery } from '@tanstack/react-query';
import type { Certificate } from '@aya/config-schema';
import { tenantItemQueryOptions } from '../../../lib/tenant-resource';

export function useCertificate(tenant: string, id: string) {
  return useQuery(tenantItemQueryOptions<Certificate>(tenant, 'certificates', id));
}
