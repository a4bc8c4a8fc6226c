import { useInfiniteQuery } from '@tanstack/react-query';
import type { Certificate } from '@aya/config-schema';
import { tenantPagesQueryOptions } from '../../../lib/tenant-resource';

export function certificatesQueryOptions(tenant: string) {
  return tenantPagesQueryOptions<Certificate>(tenant, 'certificates');
}

export function useCertificates(tenant: string) {
  return useInfiniteQuery(certificatesQueryOptions(tenant));
}
