import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '../../../lib/api-client';
import type { ApiSchema } from '../../../lib/api/types';
import { newestFirstQuery, type ListParams } from '../../../lib/list-params';
import { LIST_PAGE_SIZE } from '../../../lib/paths';

export type AdminToken = ApiSchema<'AdminToken'>;
export type AdminTokenCreated = ApiSchema<'AdminTokenCreated'>;
export type TokenInput = ApiSchema<'TokensCreateBody'>;
type TokenPage = ApiSchema<'AdminTokenList'>;

const PATH = '/api/v1/tenants/{tenant}/tokens';
const key = (tenant: string) => ['tenants', tenant, 'tokens'] as const;

/** One page of the tokens not revoked, as the API searches (name) and shows them (newest first). */
function tokensPageQuery(tenant: string, params: ListParams, cursor: string | undefined) {
  const query = newestFirstQuery(params, LIST_PAGE_SIZE, cursor);
  return queryOptions({
    queryKey: [...key(tenant), 'page', params, cursor ?? null] as const,
    queryFn: ({ signal }) => unwrap<TokenPage>(client.GET(PATH, { params: { path: { tenant }, query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export const useTokensPage = (tenant: string, params: ListParams, cursor: string | undefined) => useQuery(tokensPageQuery(tenant, params, cursor));

/** create answers the token itself, once; revoke makes it a 401 from then on. */
export function useTokenWrites(tenant: string) {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: key(tenant) });
  return {
    create: useMutation({ mutationFn: (body: TokenInput) => unwrap<AdminTokenCreated>(client.POST(PATH, { params: { path: { tenant } }, body })), onSuccess }),
    revoke: useMutation({ mutationFn: (id: string) => unwrap(client.DELETE(`${PATH}/{id}`, { params: { path: { tenant, id } } })), onSuccess }),
  };
}
