import { z } from 'zod';
import { ValidationError, validationFromZod } from '../common/errors';
import { isUuid } from '../common/id-or-name';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../common/pagination';

/** How a searched column is matched: text by substring, arrays by any element, JSON by its text. */
export type SearchKind = 'text' | 'text[]' | 'jsonb';

export type SortType = 'text' | 'timestamptz';

/**
 * A filter whose value is one of a fixed set (`?scope=route`, `?name=rate-limit`), each value a condition on the
 * row's fields: `null` = the field is not set, `'set'` = it is, any other string = it equals that text.
 */
export interface ChoiceFilter {
  description: string;
  values: Readonly<Record<string, Readonly<Record<string, null | 'set' | { equals: string }>>>>;
}

/**
 * What a resource's list endpoint offers beyond keyset pages: `?q=` (case-insensitive substring over `search`),
 * `?sort=<field>|-<field>`, exact-match filters, and the `total` of matching rows. Field names are the Prisma
 * row's (camelCase); their columns are the snake_case names every model maps them to.
 */
export interface ListSpec {
  /** the table the rows live in */
  table: string;
  /** fields `q` looks in, with how each is matched */
  search: Readonly<Record<string, SearchKind>>;
  /** fields a list can be sorted by besides `createdAt` (the default), with their column type; never null */
  sort: Readonly<Record<string, SortType>>;
  /** query parameter -> field matched exactly (a uuid column: a foreign key) */
  filters?: Readonly<Record<string, string>>;
  /** query parameter -> a choice among fixed values (plugins: `?name=`, `?scope=`) */
  choices?: Readonly<Record<string, ChoiceFilter>>;
  /** what `q` searches, in words, for the OpenAPI document */
  searchDescription: string;
}

export interface ListQuery {
  limit: number;
  q?: string;
  /** the field and direction (default createdAt ascending) */
  sort: { field: string; descending: boolean };
  filters: Record<string, string>;
  /** the choice filters given (parameter -> value) */
  choices: Record<string, string>;
  cursor?: ListCursor;
}

/** Keyset position of a sorted list: the sort value of the last row (text, or a timestamp as ISO) and its id. */
export interface ListCursor {
  sort: string;
  value: string;
  id: string;
}

export const DEFAULT_SORT = 'createdAt';

/** Every sortable field of a spec with its type, the default first. */
export const sortTypes = (spec: ListSpec): Record<string, SortType> => ({ [DEFAULT_SORT]: 'timestamptz', ...spec.sort });

/** The query parameters a list endpoint with this spec accepts; also what its OpenAPI parameters are built from. */
export function listQuerySchema(spec: ListSpec) {
  const sorts = Object.keys(sortTypes(spec));
  const filters = Object.fromEntries(
    Object.keys(spec.filters ?? {}).map((name) => [name, z.uuid().optional().describe(`only rows whose ${name} has this id`)]),
  );
  const choices = Object.fromEntries(
    Object.entries(spec.choices ?? {}).map(([name, c]) => [name, z.enum(Object.keys(c.values) as [string, ...string[]]).optional().describe(c.description)]),
  );
  return z.object({
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
    cursor: z.string().min(1).max(1000).optional().describe('`next` of the previous page (opaque; only valid with the same q, sort and filters)'),
    q: z.string().trim().min(1).max(200).optional().describe(`case-insensitive substring of ${spec.searchDescription}`),
    sort: z
      .enum([...sorts, ...sorts.map((s) => `-${s}`)] as [string, ...string[]])
      .optional()
      .describe('sort field, `-` first for descending; default createdAt'),
    ...filters,
    ...choices,
  });
}

export function parseListQuery(spec: ListSpec, query: unknown): ListQuery {
  const raw = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {};
  const schema = listQuerySchema(spec);
  const picked = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, raw[k]]));
  const parsed = schema.safeParse(picked);
  if (!parsed.success) throw validationFromZod(parsed.error, 'query');
  const { limit, cursor, q, sort, ...rest } = parsed.data as { limit: number; cursor?: string; q?: string; sort?: string } & Record<string, unknown>;
  const field = (sort ?? DEFAULT_SORT).replace(/^-/, '');
  const given = Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string');
  const isChoice = ([name]: [string, string]) => spec.choices?.[name] !== undefined;
  return {
    limit,
    q,
    sort: { field, descending: sort?.startsWith('-') ?? false },
    filters: Object.fromEntries(given.filter((e) => !isChoice(e))),
    choices: Object.fromEntries(given.filter(isChoice)),
    cursor: cursor === undefined ? undefined : decodeListCursor(cursor, sort ?? DEFAULT_SORT, sortTypes(spec)[field] ?? 'text'),
  };
}

export function encodeListCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.value, c.id]), 'utf8').toString('base64url');
}

/** Only a cursor this sort wrote is accepted (a cursor of another order would skip or repeat rows). */
function decodeListCursor(raw: string, sort: string, type: SortType): ListCursor {
  const invalid = () => new ValidationError('invalid query', [{ path: 'cursor', message: 'invalid cursor (it belongs to another sort, or was not a `next` value)' }]);
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((p) => typeof p === 'string')) throw invalid();
  const [cursorSort, value, id] = parts as [string, string, string];
  if (cursorSort !== sort || !isUuid(id)) throw invalid();
  // the value goes to a timestamptz comparison: anything but what the encoder wrote would fail in Postgres (500)
  if (type === 'timestamptz' && !isCanonicalIso(value)) throw invalid();
  return { sort: cursorSort, value, id };
}

function isCanonicalIso(value: string): boolean {
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && /^\d{4}-/.test(value) && date.toISOString() === value;
}
