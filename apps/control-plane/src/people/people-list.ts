import type { Page } from '@aya/config-schema';
import { encodeListCursor, type ListQuery, type ListSpec } from '../resources/list-query';

/**
 * `?q=&sort=&limit=&cursor=` of the members, tokens and users lists (their OpenAPI parameters come from these
 * specs). The people services query through Prisma themselves, as the generic SQL list (resources/list-page.ts)
 * cannot: a member's searched fields live on its user, the token list hides revoked rows, a user's view carries
 * its memberships. Sorted by createdAt only, ascending or descending (`-createdAt`: the console's newest first).
 */
export const MEMBER_LIST: ListSpec = { table: 'tenant_members', search: {}, sort: {}, searchDescription: "the member's username or e-mail" };
export const TOKEN_LIST: ListSpec = { table: 'tenant_tokens', search: {}, sort: {}, searchDescription: "the token's name" };
export const USER_LIST: ListSpec = { table: 'users', search: {}, sort: {}, searchDescription: 'the username or e-mail' };

/** The keyset of a createdAt-sorted list: the where after the cursor and the order, `idField` breaking ties. */
export function createdAtKeyset<K extends string>(query: ListQuery, idField: K) {
  const dir = query.sort.descending ? ('desc' as const) : ('asc' as const);
  const op = query.sort.descending ? 'lt' : 'gt';
  const orderBy = [{ createdAt: dir }, { [idField]: dir } as Record<K, 'asc' | 'desc'>];
  if (!query.cursor) return { after: {}, orderBy };
  const at = new Date(query.cursor.value);
  const after = { OR: [{ createdAt: { [op]: at } }, { createdAt: at, [idField]: { [op]: query.cursor.id } }] };
  return { after, orderBy };
}

/** Rows were fetched with `take: limit + 1`; `total` counts every match over all pages. */
export function createdAtPage<R extends { createdAt: Date }, T>(rows: R[], query: ListQuery, idOf: (row: R) => string, toView: (row: R) => T, total: number): Page<T> & { total: number } {
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows[pageRows.length - 1];
  const sort = `${query.sort.descending ? '-' : ''}createdAt`;
  const next = rows.length > query.limit && last ? encodeListCursor({ sort, value: last.createdAt.toISOString(), id: idOf(last) }) : null;
  return { data: pageRows.map(toView), next, total };
}

/** `q` as a Prisma `contains`: case-insensitive, LIKE's `%`, `_` and `\` taken literally (Prisma passes them through). */
export function containsText(q: string): { contains: string; mode: 'insensitive' } {
  return { contains: q.replace(/[\\%_]/g, (c) => `\\${c}`), mode: 'insensitive' };
}
