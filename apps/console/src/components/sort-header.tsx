import { nextSort } from '../lib/list-params';

/** A column header that sorts the list by its field: ascending, descending, then the default order. */
export function SortHeader({ label, field, sort, onSort }: { label: string; field: string; sort: string; onSort: (sort: string) => void }) {
  const state = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  const arrow = state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕';
  return (
    <button
      type="button"
      className={`sort-header${state === 'none' ? '' : ' sort-header-active'}`}
      aria-label={`Sort by ${label}${state === 'none' ? '' : ` (${state})`}`}
      data-sort={state}
      onClick={() => onSort(nextSort(sort, field))}
    >
      {label}
      <span aria-hidden="true" className="sort-arrow">
        {arrow}
      </span>
    </button>
  );
}
