import type { Page } from '@aya/config-schema';
import type { Tx } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { encodeListCursor, sortTypes, type ListQuery, type ListSpec, type SearchKind } from './list-query';

/** The models map every camelCase field to its snake_case column (`tenantId` -> `tenant_id`). */
const column = (field: string): Prisma.Sql => Prisma.raw(`t."${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`);

/** `q` as an ILIKE pattern: a substring, with the pattern characters of the input taken literally. */
const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function matches(field: string, kind: SearchKind, pattern: string): Prisma.Sql {
  const col = column(field);
  if (kind === 'text[]') return Prisma.sql`EXISTS (SELECT 1 FROM unnest(${col}) AS e(v) WHERE e.v ILIKE ${pattern})`;
  if (kind === 'jsonb') return Prisma.sql`${col}::text ILIKE ${pattern}`;
  return Prisma.sql`${col} ILIKE ${pattern}`;
}

function choiceCondition(field: string, want: null | 'set' | { equals: string }): Prisma.Sql {
  if (want === null) return Prisma.sql`${column(field)} IS NULL`;
  if (want === 'set') return Prisma.sql`${column(field)} IS NOT NULL`;
  return Prisma.sql`${column(field)} = ${want.equals}`;
}

/** The conditions every query of one list shares: the parent's rows (its ids are uuids), the filters, `q`. */
function conditions(spec: ListSpec, parentWhere: Record<string, string>, query: ListQuery): Prisma.Sql[] {
  const out = Object.entries(parentWhere).map(([field, id]) => Prisma.sql`${column(field)} = ${id}::uuid`);
  for (const [name, id] of Object.entries(query.filters)) {
    const field = spec.filters?.[name];
    if (field) out.push(Prisma.sql`${column(field)} = ${id}::uuid`);
  }
  for (const [name, value] of Object.entries(query.choices)) {
    const fields = spec.choices?.[name]?.values[value] ?? {};
    for (const [field, want] of Object.entries(fields)) out.push(choiceCondition(field, want));
  }
  if (query.q !== undefined) {
    const pattern = likePattern(query.q);
    out.push(Prisma.sql`(${Prisma.join(Object.entries(spec.search).map(([field, kind]) => matches(field, kind, pattern)), ' OR ')})`);
  }
  return out;
}

const whereOf = (conds: Prisma.Sql[]): Prisma.Sql => (conds.length === 0 ? Prisma.empty : Prisma.sql`WHERE ${Prisma.join(conds, ' AND ')}`);

/**
 * One page of a searched, filtered, sorted list, and how many rows match in all. Postgres picks the page's ids
 * (keyset on (sort field, id): stable under inserts, no OFFSET scan), the store loads those rows as usual.
 */
export async function listPage<R extends { id: string }, Dto>(
  db: Tx,
  spec: ListSpec,
  parentWhere: Record<string, string>,
  query: ListQuery,
  load: (ids: string[]) => Promise<R[]>,
  toDto: (row: R) => Dto,
): Promise<Page<Dto> & { total: number }> {
  const table = Prisma.raw(`"${spec.table}" AS t`);
  const { field, descending } = query.sort;
  const type = Prisma.raw(sortTypes(spec)[field] ?? 'text');
  const sortCol = column(field);
  const shared = conditions(spec, parentWhere, query);
  const pageConds = [...shared];
  if (query.cursor) {
    const after = descending ? Prisma.raw('<') : Prisma.raw('>');
    pageConds.push(Prisma.sql`(${sortCol}, t.id) ${after} (${query.cursor.value}::${type}, ${query.cursor.id}::uuid)`);
  }
  const dir = Prisma.raw(descending ? 'DESC' : 'ASC');
  const [idRows, counted] = await Promise.all([
    db.$queryRaw<Array<{ id: string }>>`SELECT t.id::text AS id FROM ${table} ${whereOf(pageConds)} ORDER BY ${sortCol} ${dir}, t.id ${dir} LIMIT ${query.limit + 1}`,
    db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM ${table} ${whereOf(shared)}`,
  ]);
  const ids = idRows.slice(0, query.limit).map((r) => r.id);
  const byId = new Map((ids.length === 0 ? [] : await load(ids)).map((row) => [row.id, row]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const last = rows[rows.length - 1];
  const next = idRows.length > query.limit && last ? encodeListCursor({ sort: `${descending ? '-' : ''}${field}`, value: sortValue(last, field), id: last.id }) : null;
  return { data: rows.map(toDto), next, total: counted[0]?.n ?? 0 };
}

/** The sort field of a row as the cursor keeps it: text as is, a timestamp as ISO (what `::timestamptz` reads back exactly). */
function sortValue(row: object, field: string): string {
  const value = (row as Record<string, unknown>)[field];
  return value instanceof Date ? value.toISOString() : String(value);
}
