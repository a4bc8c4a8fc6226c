import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Credential } from '@aya/config-schema';
import { client, unwrap } from '../../../lib/api-client';
import { fetchAllPages, ifMatchAsSeen, useTenantWrite } from '../../../lib/tenant-resource';
import type { CredentialInput } from '../components/credential-form-values';

const CREDENTIAL = '/api/v1/tenants/{tenant}/consumers/{consumer}/credentials/{id}';

export function credentialsQueryOptions(tenant: string, consumerId: string) {
  return queryOptions({
    queryKey: ['tenants', tenant, 'consumers', 'credentials', consumerId] as const,
    queryFn: ({ signal }) => fetchAllPages('/api/v1/tenants/{tenant}/consumers/{consumer}/credentials', { tenant, consumer: consumerId }, signal),
  });
}

export function useCredentials(tenant: string, consumerId: string) {
  return useQuery(credentialsQueryOptions(tenant, consumerId));
}

/** The answer carries the generated key / HMAC secret: the only time the console ever sees it. */
export function useCreateCredential(tenant: string, consumerId: string) {
  return useTenantWrite(tenant, (body: CredentialInput) =>
    unwrap(client.POST('/api/v1/tenants/{tenant}/consumers/{consumer}/credentials', { params: { path: { tenant, consumer: consumerId } }, body })),
  );
}

/**
 * A key-auth key's expiry (`null`: never), e.g. the old key of a rotation. Conditional on the credential as the
 * panel showed it (412 when changed since), like the revoke.
 */
export function useSetCredentialExpiry(tenant: string, consumerId: string) {
  return useTenantWrite(tenant, async ({ credential, expiresAt }: { credential: Credential; expiresAt: string | null }) => {
    const path = { tenant, consumer: consumerId, id: credential.id };
    const header = await ifMatchAsSeen(client.GET(CREDENTIAL, { params: { path } }), credential);
    return unwrap(client.PATCH(CREDENTIAL, { params: { path, header }, body: { expiresAt } }));
  });
}

export function useRevokeCredential(tenant: string, consumerId: string) {
  return useTenantWrite(tenant, async (credential: Credential) => {
    const path = { tenant, consumer: consumerId, id: credential.id };
    const header = await ifMatchAsSeen(client.GET(CREDENTIAL, { params: { path } }), credential);
    await client.DELETE(CREDENTIAL, { params: { path, header } });
  });
}
