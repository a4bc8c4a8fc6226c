import type { CertificateCreate } from '@aya/config-schema';
import { client, ifMatch, unwrap } from '../../../lib/api-client';
import { useTenantWrite } from '../../../lib/tenant-resource';

export interface ReplaceCertificateVariables {
  input: CertificateCreate;
  /** the certificate as the form opened it: its ETag is the `If-Match` (412 when someone replaced it meanwhile) */
  record: object;
}

/**
 * Replace: a PATCH of the chain and the SNIs, plus the key when one is given. Without one the stored key stays
 * (the new chain must match it); a PUT would drop it.
 */
export function useReplaceCertificate(tenant: string, id: string) {
  return useTenantWrite(tenant, ({ input, record }: ReplaceCertificateVariables) =>
    unwrap(
      client.PATCH('/api/v1/tenants/{tenant}/certificates/{id}', {
        params: { path: { tenant, id }, header: ifMatch(record) },
        body: { cert: input.cert, snis: input.snis ?? [], ...(input.key ? { key: input.key } : {}) },
      }),
    ),
  );
}
