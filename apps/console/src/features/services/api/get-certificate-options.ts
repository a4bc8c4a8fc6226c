import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../../../lib/api-client';

export interface CertificateOption {
  id: string;
  label: string;
  hasKey: boolean;
}

/**
 * The tenant's certificates for the TLS pickers. The services feature reads the endpoint itself
 * rather than importing the certificates feature: features stay independent.
 */
export function certificateOptionsQueryOptions(tenant: string) {
  return queryOptions({
    queryKey: ['tenants', tenant, 'services', 'certificate-options'] as const,
    queryFn: async ({ signal }): Promise<CertificateOption[]> => {
      const page = await unwrap(client.GET('/api/v1/tenants/{tenant}/certificates', { params: { path: { tenant }, query: { limit: 500 } }, signal }));
      return page.data.map((c) => ({ id: c.id, hasKey: c.hasKey, label: c.snis.length ? c.snis.join(', ') : `certificate ${c.id.slice(0, 8)}` }));
    },
  });
}

export function useCertificateOptions(tenant: string) {
  return useQuery(certificateOptionsQueryOptions(tenant));
}

/** The picker's props: options and whether they could be read (an older control plane has no certificates). */
export function useCertificatePicker(tenant: string): { certificates: CertificateOption[]; certificatesState: 'loading' | 'ready' | 'unavailable' } {
  const q = useCertificateOptions(tenant);
  return { certificates: q.data ?? [], certificatesState: q.isPending ? 'loading' : q.isError ? 'unavailable' : 'ready' };
}
