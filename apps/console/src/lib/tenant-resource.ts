import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { CpErrorCode, type Page } from '@aya/config-schema';
import { callPath, callPathOn, client, ifMatch, unwrap, type CallResult, type ConsoleClient } from './api-client';
import { collectionOf, type GetAnswer, type GetPathParams, type PagedPath, type PageItem, type TenantItemPath } from './api/typed-paths';
import { ApiError, STALE_WRITE_MESSAGE } from './api-error';
import { deepEqual } from './deep-equal';
import { planEdit } from './edit-plan';
import { tenantScopeKey, type TenantCollectionName } from './paths';

export type TenantCollection = TenantCollectionName;

/** Query keys of one tenant-scoped collection; all of them sit under `tenantScopeKey` so a write refreshes them. */
export function tenantResourceKeys<C extends TenantCollection>(collection: C) {
  return {
    list: (tenant: string) => ['tenants', tenant, collection, 'list'] as const,
    detail: (tenant: string, id: string) => ['tenants', tenant, collection, 'detail', id] as const,
  };
}

/** One item, read with its ETag: `tenantItemQueryOptions(tenant, '/api/v1/tenants/{tenant}/services/{id}', id)`. */
export function tenantItemQueryOptions<P extends TenantItemPath>(tenant: string, path: P, id: string) {
  return queryOptions({
    queryKey: tenantResourceKeys(collectionOf(path) as TenantCollection).detail(tenant, id),
    queryFn: ({ signal }) => callPath<GetAnswer<P>>('GET', path, { params: { path: { tenant, id } }, signal }),
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
  /**
   * the resource as it was when the form OPENED (not the cache's latest: a refetch meanwhile must not make the
   * save overwrite a change the user never saw); its ETag goes out as `If-Match`
   */
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

/**
 * One edit: a PATCH of the changed fields (or a carrying PUT), so fields the form does not show are never dropped,
 * with `If-Match` of the record the form opened with: a record someone else changed since is refused (412), not
 * overwritten.
 */
export async function sendEdit<T, I extends object>(
  typed: ConsoleClient,
  path: string,
  pathParams: object,
  { record, before, input }: EditVariables<I>,
  options: EditOptions,
): Promise<T> {
  const plan = planEdit({ record, before, after: input, ...options });
  if (!plan) return record as T;
  return callPathOn<T>(typed, plan.method, path, { params: { path: pathParams, header: ifMatch(record) }, body: plan.body });
}

/** An item's edit: `useTenantEdit(tenant, '/api/v1/tenants/{tenant}/services/{id}', options)`. */
export function useTenantEdit<P extends TenantItemPath>(tenant: string, path: P, options: EditOptions) {
  return useTenantWrite(tenant, (variables: EditVariables<object>) =>
    sendEdit<GetAnswer<P>, object>(client, path, { tenant, id: variables.id }, variables, options),
  );
}

/**
 * A delete confirmed on a detail page: conditional on the record as the page shows it (If-Match), so a record someone
 * changed meanwhile is not deleted unseen (412).
 */
export function useTenantDeleteShown(tenant: string, path: TenantItemPath) {
  return useTenantWrite(tenant, (record: { id: string }) =>
    callPath<void>('DELETE', path, { params: { path: { tenant, id: record.id }, header: ifMatch(record) } }),
  );
}

/**
 * The `If-Match` for a write on an item the user saw in a list (lists carry no ETags): the item is read afresh and
 * its ETag used only if it is still what the user saw, else the write is refused here like a stale one (412).
 * The ETag is a hash of the item's view, so an unchanged view has the ETag the user's copy had.
 * `params: { path, header: await ifMatchAsSeen(client.GET(itemPath, { params: { path } }), seen) }`.
 */
export async function ifMatchAsSeen(read: Promise<CallResult<object>>, seen: object): Promise<{ 'If-Match'?: string }> {
  return ifMatch(unlessChanged(await unwrap(read), seen));
}

function unlessChanged<T extends object>(current: T, seen: object): T {
  if (!deepEqual(current, seen)) {
    throw new ApiError({ status: 412, code: CpErrorCode.PRECONDITION_FAILED, message: STALE_WRITE_MESSAGE });
  }
  return current;
}

const ALL_PAGES_MAX = 10;

/** Every item of a collection (up to 5,000), for pickers and for lists filtered on the client. */
export async function fetchAllPages<P extends PagedPath>(path: P, pathParams: GetPathParams<P>, signal?: AbortSignal): Promise<PageItem<P>[]> {
  const out: PageItem<P>[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < ALL_PAGES_MAX; page++) {
    const res: Page<PageItem<P>> = await callPath<Page<PageItem<P>>>('GET', path, { params: { path: pathParams as object | undefined, query: { limit: 500, cursor } }, signal });
    out.push(...res.data);
    if (!res.next) break;
    cursor = res.next;
  }
  return out;
}
