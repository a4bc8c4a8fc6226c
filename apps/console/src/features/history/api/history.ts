import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../../lib/api-client';
import { tenantScopeKey } from '../../../lib/paths';
import type { ConfigDiff, Page, RevisionSummary, RollbackResult } from '@aya/config-schema';

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
      api.get<Page<RevisionSummary>>('/api/v1/config/revisions', { query: { tenant, limit: PAGE, cursor: pageParam }, signal }),
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
    queryFn: ({ signal }) => api.get<ConfigDiff>('/api/v1/config/diff', { query: { tenant, from: range?.from, to: range?.to }, signal }),
    enabled: range !== null,
  });
}

/** Rolls the tenant's objects back to a revision (a new revision); every query about the tenant is stale after it. */
export function useRollback(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (revision: number) =>
      api.post<RollbackResult>(`/api/v1/config/revisions/${seg(String(revision))}/rollback`, undefined, { query: { tenant } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantScopeKey(tenant) }),
  });
}
