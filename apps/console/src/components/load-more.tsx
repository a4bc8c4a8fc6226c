import { Button } from './button';

export function LoadMore({ hasMore, loading, onLoadMore }: { hasMore: boolean; loading: boolean; onLoadMore: () => void }) {
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <Button onClick={onLoadMore} busy={loading}>
        Load more
      </Button>
    </div>
  );
}
