import type { paths } from './schema';

/**
 * Path types for helpers generic over many endpoints (a list page, every page, an item, an edit): they take the
 * schema's path and get the item and answer types from it, so no caller names a type by hand.
 */
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

type Operation<P extends keyof paths, M extends 'get' | 'post' | 'patch' | 'put' | 'delete'> = paths[P] extends Record<M, infer O> ? O : never;

/** The JSON answer of `GET path` (its 200). */
export type GetAnswer<P extends keyof paths> = Operation<P, 'get'> extends { responses: { 200: infer R } } ? Json<R> : never;

/** The path parameters of `GET path` (undefined: it has none). */
export type GetPathParams<P extends keyof paths> = Operation<P, 'get'> extends { parameters: { path: infer T } } ? T : undefined;

/** Paths whose `GET` answers a cursor page (`{ data, next }`). */
export type PagedPath = {
  [P in keyof paths]: GetAnswer<P> extends { data: readonly unknown[]; next: string | null } ? P : never;
}[keyof paths];

export type PageItem<P extends PagedPath> = GetAnswer<P>['data'][number];

/** A tenant's collection, `/api/v1/tenants/{tenant}/<collection>` (paged, no other path parameter). */
export type TenantCollectionPath = Exclude<Extract<PagedPath, `/api/v1/tenants/{tenant}/${string}`>, `/api/v1/tenants/{tenant}/${string}/${string}`>;

/** One item of such a collection, `/api/v1/tenants/{tenant}/<collection>/{id}`. */
export type TenantItemPath = Extract<`${TenantCollectionPath}/{id}`, keyof paths>;

/** The collection's name in a tenant path (`services`), as the query keys name it. */
export function collectionOf(path: TenantCollectionPath | TenantItemPath): string {
  return path.split('/')[5] ?? path;
}
