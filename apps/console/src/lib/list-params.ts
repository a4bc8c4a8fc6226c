import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

/** What a searchable list asks the API for (`?q=&sort=&<filter>=`); kept in the page URL so reloads and links keep it. */
export interface ListParams {
  q: string;
  /** `name`, `-name`…; '' = DEFAULT_LIST_SORT */
  sort: string;
  filters: Readonly<Record<string, string>>;
}

export interface ListState {
  params: ListParams;
  /** the cursor of the page shown (undefined: the first) */
  cursor: string | undefined;
  /** 0-based number of the page shown */
  pageIndex: number;
  setQ: (q: string) => void;
  setSort: (sort: string) => void;
  setFilter: (name: string, value: string) => void;
  /** Drops the search and every filter (one URL change: react-router's updater does not chain calls in one event). */
  clear: () => void;
  next: (cursor: string) => void;
  previous: () => void;
}

/** The URL's list parameters and the cursors of the pages walked so far (reset whenever the parameters change). */
export function useListState(filterNames: readonly string[]): ListState {
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const sort = search.get('sort') ?? '';
  // one string per distinct set of filters, so the memoised objects change only when a value does
  const filtersJson = JSON.stringify(Object.fromEntries(filterNames.map((n) => [n, search.get(n) ?? ''])));
  const filters = useMemo(() => JSON.parse(filtersJson) as Record<string, string>, [filtersJson]);
  const params = useMemo(() => ({ q, sort, filters }), [q, sort, filters]);
  const key = JSON.stringify(params);
  const [walk, setWalk] = useState<{ key: string; cursors: string[] }>({ key, cursors: [] });
  const cursors = walk.key === key ? walk.cursors : [];

  const update = useCallback(
    (name: string, value: string) =>
      setSearch(
        (prev) => {
          const nextParams = new URLSearchParams(prev);
          if (value) nextParams.set(name, value);
          else nextParams.delete(name);
          return nextParams;
        },
        { replace: true },
      ),
    [setSearch],
  );
  return {
    params,
    cursor: cursors.at(-1),
    pageIndex: cursors.length,
    setQ: (value) => update('q', value.trim()),
    setSort: (value) => update('sort', value),
    setFilter: update,
    clear: () =>
      setSearch(
        (prev) => {
          const nextParams = new URLSearchParams(prev);
          for (const name of ['q', ...filterNames]) nextParams.delete(name);
          return nextParams;
        },
        { replace: true },
      ),
    next: (cursor) => setWalk({ key, cursors: [...cursors, cursor] }),
    previous: () => setWalk({ key, cursors: cursors.slice(0, -1) }),
  };
}

/** The console's order when no header is clicked: newest first, so what was just created is on the first page. */
export const DEFAULT_LIST_SORT = '-createdAt';

/** The API query of a list page (empty parameters left out). */
export function listApiQuery(params: ListParams, limit: number, cursor: string | undefined): Record<string, string | number | undefined> {
  const filters = Object.fromEntries(Object.entries(params.filters).filter(([, v]) => v !== ''));
  return { limit, cursor, q: params.q || undefined, sort: params.sort || DEFAULT_LIST_SORT, ...filters };
}

/** Clicking a sortable header: ascending first, then descending, then back to the default order. */
export function nextSort(current: string, field: string): string {
  if (current === field) return `-${field}`;
  if (current === `-${field}`) return '';
  return field;
}

/** The API query of a list the API searches but sorts only by age (members, tokens, users): newest first. */
export function newestFirstQuery(params: ListParams, limit: number, cursor: string | undefined) {
  return { limit, cursor, q: params.q || undefined, sort: '-createdAt' as const };
}
