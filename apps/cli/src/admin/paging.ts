import { InvalidArgumentError, type Command } from 'commander';
import type { Page } from '@aya/config-schema';
import type { Row } from './body';
import type { AdminClient } from './client';

export interface PagingOptions {
  limit?: number;
  all?: boolean;
}

/** What came back: the rows, how many match in all (searchable lists), and whether pages were left unread. */
export interface Fetched {
  rows: Row[];
  total?: number;
  more: boolean;
}

/** `?a=1&b=x` of the parameters that are set (none: the empty string). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
  return query.size > 0 ? `?${query.toString()}` : '';
}

/** `--limit <n>` as a whole number from 1 to `max` (the endpoint's largest page), else exit 2 naming the bound. */
export function pageLimit(max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > max) throw new InvalidArgumentError(`a whole number from 1 to ${max}`);
    return n;
  };
}

/** `--limit` and `--all`, with help naming the endpoint's own default and largest page. */
export function withPaging(cmd: Command, { max, defaultLimit }: { max: number; defaultLimit: number }): Command {
  return cmd
    .option('--limit <n>', `rows per page (1-${max}; default ${defaultLimit})`, pageLimit(max))
    .option('--all', 'follow the `next` cursor to the last page');
}

/**
 * Reads a list the API pages with `next`: the first page only, unless `all` (then every page, in pages of
 * `limit`, or of `max` when no limit was given, so a long list costs few requests). `params` are sent as given
 * (the API answers a bad one with a 400 naming it).
 */
export async function fetchPages(
  client: AdminClient,
  path: string,
  params: Record<string, string | undefined>,
  opts: PagingOptions & { max: number },
): Promise<Fetched> {
  const limit = opts.limit ?? (opts.all ? opts.max : undefined);
  const rows: Row[] = [];
  let cursor: string | null = null;
  let total: number | undefined;
  do {
    const page: Page<Row> = await client.request<Page<Row>>('GET', `${path}${queryString({ ...params, limit, cursor: cursor ?? undefined })}`);
    rows.push(...page.data);
    total ??= page.total;
    // lists that are one page (nodes) have no `next`
    cursor = page.next ?? null;
  } while (cursor && opts.all);
  return { rows, total, more: cursor !== null };
}

/**
 * The line stderr gets after a list (stdout stays the rows alone): the total when the API counted one, and a
 * hint when pages were left unread (scripts see it too, so a first page is never taken for the whole list).
 */
export function listNote(fetched: Fetched, noun: string, table: boolean): string | undefined {
  const { rows, total, more } = fetched;
  if (more) return `showing ${rows.length}${total === undefined ? '' : ` of ${total}`} ${noun}: --all for every page`;
  if (table && total !== undefined) return `${total} ${noun}`;
  return undefined;
}
