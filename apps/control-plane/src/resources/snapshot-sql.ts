import { Prisma } from '../generated/prisma/client';

/** `WHERE <table>.id = ANY(ids)` for a partial load (one write's rows), nothing for a whole one. */
export function byId(table: string, ids: readonly string[] | undefined): Prisma.Sql {
  return ids === undefined ? Prisma.empty : Prisma.sql`WHERE ${Prisma.raw(table)}.id = ANY(${[...ids]}::uuid[])`;
}

/** The stable order of every snapshot list: created_at, then the uuid (qualified: a bare `id` names the text alias). */
export const byAge = (table: string): Prisma.Sql => Prisma.raw(`ORDER BY ${table}.created_at, ${table}.id`);

/** Prisma `where` of a partial load (one write's rows), none for a whole one. */
export const idIn = (ids: readonly string[] | undefined): { id?: { in: string[] } } => (ids === undefined ? {} : { id: { in: [...ids] } });

/** The snapshot order, as a Prisma `orderBy`. */
export const AGE_ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];
