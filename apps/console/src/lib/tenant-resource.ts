import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@aya/config-schema';
import { api } from './api-client';
import { etagOf } from './etags';
import { planEdit } from './edit-plan';
import { LIST_PAGE_SIZE, tenantApiPath, tenantScopeKey } from './paths';

export type TenantCollection = Parameters<typeof tenantApiPath>[1];

/** Query keys of one tenant-scoped collection; all of them sit under `tenantScopeKey` so a write refreshes them. */
export function tenantResourceKeys<C extends TenantCollection>(collection: C) {
  return {
    list: (tenant: string) => ['tenants', tenant, collection, 'list'] as const,
    detail: (tenant: string, id: string) => ['tenants', tenant, collection, 'detail', id] as const,
  };
}

/** A collection read page by page with the API's cursor, for a list with "Load more". */
export function tenantPagesQueryOptions<T>(tenant: string, collection: TenantCollection) {
  return infiniteQueryOptions({
    queryKey: tenantResourceKeys(collection).list(tenant),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<T>>(tenantApiPath(tenant, collection), { query: { limit: LIST_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
}

export function tenantItemQueryOptions<T>(tenant: string, collection: TenantCollection, id: string) {
  return queryOptions({
    queryKey: tenantResourceKeys(collection).detail(tenant, id),
    queryFn: ({ signal }) => api.get<T>(tenantApiPath(tenant, collection, id), { signal }),
    // keep the object the API answered: its ETag is filed under it (lib/etags.ts) for the edit's If-Match
    structuralSharing: false,
  });
}

/** Any write to a tenant's config: afterwards every query about that tenant is stale (see `tenantScopeKey`). */
export function useTenantWrite<TVariables, TData = unknown>(tenant: string, write: (variables: TVariables) => Promise<TData>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantScopeKey(tenant) }),
  });
}

/** What an edit form hands its update mutation (see `planEdit`). */
export interface EditVariables<I> {
  id: string;
  /** the resource as loaded */
  record: object;
  /** the untouched form's payload */
  before: I;
  input: I;
}

export interface EditOptions {
  /** keys of the create schema (`Object.keys(schema.shape)`) */
  writableKeys: ReadonlyArray<string>;
  /** the form's field roots */
  formKeys: ReadonlyArray<string>;
  clearValues?: Readonly<Record<string, unknown>>;
}

/** Saves an edit as a PATCH of the changed fields (or a carrying PUT), so fields the form does not show are never dropped. */
export function useTenantEdit<T, I extends object>(tenant: string, collection: TenantCollection, options: EditOptions) {
  return useTenantWrite(tenant, async ({ id, record, before, input }: EditVariables<I>) => {
    const plan = planEdit({ record, before, after: input, ...options });
    if (!plan) return record as T;
    // If-Match: a record someone else changed since the form opened is refused (412), not overwritten
    return api.request<T>(tenantApiPath(tenant, collection, id), { method: plan.method, body: plan.body, ifMatch: etagOf(record) });
  });
}

const ALL_PAGES_MAX = 10;

/** Every item of a collection (up to 5,000), for pickers and for lists filtered on the client. */
export async function fetchAllPages<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < ALL_PAGES_MAX; page++) {
    const res: Page<T> = await api.get<Page<T>>(path, { query: { limit: 500, cursor }, signal });
    out.push(...res.data);
    if (!res.next) break;
    cursor = res.next;
  }
  return out;
}
