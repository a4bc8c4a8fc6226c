import { Button } from './button';

export interface PagerProps {
  /** 0-based */
  pageIndex: number;
  pageSize: number;
  shown: number;
  total: number | undefined;
  next: string | null;
  busy: boolean;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
}

const count = new Intl.NumberFormat('en');

/** "51–100 of 10,000" with Previous / Next over the API's cursors. */
export function Pager({ pageIndex, pageSize, shown, total, next, busy, onNext, onPrevious }: PagerProps) {
  const first = pageIndex * pageSize + 1;
  const last = pageIndex * pageSize + shown;
  return (
    <nav className="pager" aria-label="Pages">
      <span className="pager-count" data-testid="list-count" aria-live="polite">
        {shown === 0 ? 'No matches' : `${count.format(first)}–${count.format(last)}${total === undefined ? '' : ` of ${count.format(total)}`}`}
      </span>
      <span className="pager-buttons">
        <Button size="sm" disabled={pageIndex === 0 || busy} onClick={onPrevious}>
          Previous
        </Button>
        <Button size="sm" disabled={next === null || busy} onClick={() => next && onNext(next)}>
          Next
        </Button>
      </span>
    </nav>
  );
}
