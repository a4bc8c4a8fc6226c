import { infiniteQueryOptions, skipToken, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '../../../lib/api-client';
import { tenantScopeKey } from '../../../lib/paths';

const PAGE = 25;

/** Under the tenant's scope key: any write to the tenant (a rollback included) makes the history stale too. */
export const historyKeys = {
  revisions: (tenant: string) => [...tenantScopeKey(tenant), 'history', 'revisions'] as const,
  diff: (tenant: string, from: number, to: number) => [...tenantScopeKey(tenant), 'history', 'diff', from, to] as const,
};

/** The tenant's revisions, newest first, page by page (`?tenant=`: only what changed this tenant). */
export function revisionsQueryOptions(tenant: string) {
  return infiniteQueryOptions({
    queryKey: historyKeys.revisions(tenant),
    queryFn: ({ pageParam, signal }) =>
      unwrap(client.GET('/api/v1/config/revisions', { params: { query: { tenant, limit: PAGE, cursor: pageParam ?? undefined } }, signal })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
}

export function useRevisions(tenant: string) {
  return useInfiniteQuery(revisionsQueryOptions(tenant));
}

/** The tenant's items as they were at `from` and at `to`. */
export function useDiff(tenant: string, range: { from: number; to: number } | null) {
  return useQuery({
    queryKey: historyKeys.diff(tenant, range?.from ?? -1, range?.to ?? -1),
    // no range picked yet: no request (skipToken keeps the query idle, as `enabled: false` would)
    queryFn: range ? ({ signal }) => unwrap(client.GET('/api/v1/config/diff', { params: { query: { tenant, ...range } }, signal })) : skipToken,
  });
}

/** Rolls the tenant's objects back to a revision (a new revision); every query about the tenant is stale after it. */
export function useRollback(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (revision: number) =>
      unwrap(client.POST('/api/v1/config/revisions/{n}/rollback', { params: { path: { n: String(revision) }, query: { tenant } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantScopeKey(tenant) }),
  });
}
