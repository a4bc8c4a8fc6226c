import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Credential } from '@aya/config-schema';
import { api, seg } from '../../../lib/api-client';
import { tenantApiPath } from '../../../lib/paths';
import { fetchAllPages, useTenantWrite } from '../../../lib/tenant-resource';
import type { CredentialInput } from '../components/credential-form-values';

function credentialsPath(tenant: string, consumerId: string, id?: string): string {
  const base = `${tenantApiPath(tenant, 'consumers', consumerId)}/credentials`;
  return id === undefined ? base : `${base}/${seg(id)}`;
}

export function credentialsQueryOptions(tenant: string, consumerId: string) {
  return queryOptions({
    queryKey: ['tenants', tenant, 'consumers', 'credentials', consumerId] as const,
    queryFn: ({ signal }) => fetchAllPages<Credential>(credentialsPath(tenant, consumerId), signal),
  });
}

export function useCredentials(tenant: string, consumerId: string) {
  return useQuery(credentialsQueryOptions(tenant, consumerId));
}

/** The answer carries the generated key / HMAC secret: the only time the console ever sees it. */
export function useCreateCredential(tenant: string, consumerId: string) {
  return useTenantWrite(tenant, (input: CredentialInput) => api.post<Credential>(credentialsPath(tenant, consumerId), input));
}

/** A key-auth key's expiry (`null`: never), e.g. the old key of a rotation. */
export function useSetCredentialExpiry(tenant: string, consumerId: string) {
  return useTenantWrite(tenant, ({ id, expiresAt }: { id: string; expiresAt: string | null }) => api.patch<Credential>(credentialsPath(tenant, consumerId, id), { expiresAt }));
}

export function useRevokeCredential(tenant: string, consumerId: string) {
  return useTenantWrite(tenant, (id: string) => api.delete(credentialsPath(tenant, consumerId, id)));
}
