import type { ReactNode } from 'react';
import { SortHeader } from '../components/sort-header';
import type { ListState } from './list-params';

/** Makes column headers that sort a searchable list by a field of the API's `?sort=`. */
export type SortBy = (label: string, field: string) => ReactNode;

export function sortByOf(list: ListState): SortBy {
  return (label, field) => <SortHeader label={label} field={field} sort={list.params.sort} onSort={list.setSort} />;
}
