import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '../../../lib/api-client';
import type { ApiSchema } from '../../../lib/api/types';
import { newestFirstQuery, type ListParams } from '../../../lib/list-params';
import { LIST_PAGE_SIZE } from '../../../lib/paths';
import type { TenantRole } from '../../auth/api/types';

export type Member = ApiSchema<'Member'>;
export type MemberPage = ApiSchema<'MemberList'>;

const PATH = '/api/v1/tenants/{tenant}/members';
const ONE = '/api/v1/tenants/{tenant}/members/{user}';
const key = (tenant: string) => ['tenants', tenant, 'members'] as const;

/** One page of the members, as the API searches (username, e-mail) and shows them (newest first). */
export function membersPageQuery(tenant: string, params: ListParams, cursor: string | undefined) {
  const query = newestFirstQuery(params, LIST_PAGE_SIZE, cursor);
  return queryOptions({
    queryKey: [...key(tenant), 'page', params, cursor ?? null] as const,
    queryFn: ({ signal }) => unwrap<MemberPage>(client.GET(PATH, { params: { path: { tenant }, query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export const useMembersPage = (tenant: string, params: ListParams, cursor: string | undefined) => useQuery(membersPageQuery(tenant, params, cursor));

/** add `{user, role}` (username or e-mail), change a role, remove (by user id): each refreshes the list. */
export function useMemberWrites(tenant: string) {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: key(tenant) });
  return {
    add: useMutation({ mutationFn: (body: { user: string; role: TenantRole }) => unwrap<Member>(client.POST(PATH, { params: { path: { tenant } }, body })), onSuccess }),
    changeRole: useMutation({
      mutationFn: ({ user, role }: { user: string; role: TenantRole }) => unwrap<Member>(client.PATCH(ONE, { params: { path: { tenant, user } }, body: { role } })),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (user: string) => unwrap(client.DELETE(ONE, { params: { path: { tenant, user } } })), onSuccess }),
  };
}
