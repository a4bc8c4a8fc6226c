import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ifMatch, unwrap } from '../../../lib/api-client';
import type { ApiSchema } from '../../../lib/api/types';
import { LIST_PAGE_SIZE } from '../../../lib/paths';
import { meQueryKey } from '../../auth/api/get-me';
import { tenantsQueryKey } from './get-tenants';

export type TenantRecord = ApiSchema<'Tenant'>;
export type TenantCreateInput = ApiSchema<'TenantCreate'>;
export type TenantUpdateInput = ApiSchema<'TenantUpdate'>;
type TenantPage = ApiSchema<'TenantPage'>;

const PATH = '/api/v1/tenants';
const ONE = '/api/v1/tenants/{tenant}';

/** One page of the caller's tenants (all of them for a superadmin), oldest first. */
export function useTenantsPage(cursor: string | undefined) {
  return useQuery(
    queryOptions({
      queryKey: ['tenants', '@page', cursor ?? null] as const,
      queryFn: ({ signal }) => unwrap<TenantPage>(client.GET(PATH, { params: { query: { limit: LIST_PAGE_SIZE, cursor } }, signal })),
      placeholderData: keepPreviousData,
    }),
  );
}

/** One tenant, its ETag filed for the settings form's If-Match. */
export const useTenantRecord = (tenant: string) =>
  useQuery({ queryKey: ['tenants', '@one', tenant] as const, queryFn: ({ signal }) => unwrap<TenantRecord>(client.GET(ONE, { params: { path: { tenant } }, signal })) });

/**
 * Create (superadmins), rename (owners and admins), delete (owners, superadmins; only an empty tenant). Each
 * refreshes the tenant lists (the switcher too) and /auth/me (memberships name tenants by slug); awaited, so a
 * page that moves on after a delete sees the caller's tenants as they are now.
 */
export function useTenantWrites() {
  const queryClient = useQueryClient();
  const refresh = (...keys: Array<readonly unknown[]>) => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  const lists = [['tenants', '@page'], tenantsQueryKey, meQueryKey] as const;
  const onSuccess = () => refresh(...lists, ['tenants', '@one']);
  return {
    create: useMutation({ mutationFn: (body: TenantCreateInput) => unwrap<TenantRecord>(client.POST(PATH, { body })), onSuccess }),
    update: useMutation({
      mutationFn: ({ record, body }: { record: TenantRecord; body: TenantUpdateInput }) =>
        unwrap<TenantRecord>(client.PATCH(ONE, { params: { path: { tenant: record.id }, header: ifMatch(record) }, body })),
      onSuccess,
    }),
    // not the deleted tenant's own record: its page is still up until the caller moves on
    remove: useMutation({ mutationFn: (tenant: string) => unwrap(client.DELETE(ONE, { params: { path: { tenant } } })), onSuccess: () => refresh(...lists) }),
  };
}
