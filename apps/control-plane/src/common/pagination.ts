import type { Page } from '@aya/config-schema';
import { z } from 'zod';
import { ValidationError, validationFromZod } from './errors';
import { isUuid } from './id-or-name';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

/** `?limit=&cursor=` of every list; the OpenAPI document's parameters are generated from it. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z.string().min(1).max(200).optional(),
});

/** Keyset position: lists are ordered by (createdAt, id), stable under inserts. */
export interface Cursor {
  createdAt: Date;
  id: string;
}

export interface PageQuery {
  limit: number;
  cursor?: Cursor;
}

export function parsePageQuery(query: unknown): PageQuery {
  const raw = typeof query === 'object' && query !== null ? query : {};
  const picked = { limit: (raw as Record<string, unknown>).limit, cursor: (raw as Record<string, unknown>).cursor };
  const parsed = pageQuerySchema.safeParse(picked);
  if (!parsed.success) throw validationFromZod(parsed.error, 'query');
  return { limit: parsed.data.limit, cursor: parsed.data.cursor ? decodeCursor(parsed.data.cursor) : undefined };
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

/**
 * Only what encodeCursor writes is accepted: the id goes to a uuid column and the time to a timestamptz
 * (years 4713 BC - 294276 AD), so anything else would make Postgres fail the query (a 500, not a 400).
 */
export function decodeCursor(raw: string): Cursor {
  const [iso, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  const canonical = !Number.isNaN(createdAt.getTime()) && createdAt.toISOString() === iso && /^\d{4}-/.test(iso);
  if (!id || !isUuid(id) || !canonical) {
    throw new ValidationError('invalid query', [{ path: 'cursor', message: 'invalid cursor' }]);
  }
  return { createdAt, id };
}

/** Prisma `where` fragment selecting rows after the cursor. */
export function afterCursor(cursor: Cursor | undefined): object {
  if (!cursor) return {};
  return {
    OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }],
  };
}

export const PAGE_ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/** Rows were fetched with `take: limit + 1`: the extra row tells whether there is a next page. */
export function toPage<R extends Cursor, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { data: pageRows.map(map), next: hasMore && last ? encodeCursor(last) : null };
}
