import { useState } from 'react';
import { Link } from 'react-router';
import type { Upstream } from '@aya/config-schema';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { LoadMore } from '../../../components/load-more';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteUpstream } from '../api/delete-upstream';
import { useUpstreams } from '../api/get-upstreams';
import { UpstreamsTable } from '../components/upstreams-table';

export function UpstreamsListRoute() {
  const tenant = useTenant();
  const upstreams = useUpstreams(tenant);
  const remove = useDeleteUpstream(tenant);
  const [pending, setPending] = useState<Upstream | null>(null);

  const rows = upstreams.data?.pages.flatMap((p) => p.data) ?? [];
  const newLink = (
    <Link to={consolePath(tenant, 'upstreams', 'new')} className="btn btn-primary">
      New upstream
    </Link>
  );

  const close = () => {
    setPending(null);
    remove.reset();
  };

  return (
    <section>
      <PageHeader title="Upstreams" description="Pools of targets with a load-balancing algorithm." actions={newLink} />
      {upstreams.isPending ? (
        <Loading label="Loading upstreams…" />
      ) : !upstreams.data ? (
        <ErrorState error={upstreams.error} onRetry={() => void upstreams.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No upstreams yet">
          <p>An upstream is a pool of targets the gateway balances across. Point a service at it with <code>upstream://&lt;name&gt;</code>.</p>
          {newLink}
        </EmptyState>
      ) : (
        <>
          <UpstreamsTable tenant={tenant} upstreams={rows} onDelete={setPending} />
          <LoadMore hasMore={upstreams.hasNextPage} loading={upstreams.isFetchingNextPage} onLoadMore={() => void upstreams.fetchNextPage()} />
        </>
      )}
      <ConfirmDialog
        open={pending !== null}
        title="Delete upstream?"
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={close}
        onConfirm={() => pending && remove.mutate(pending.id, { onSuccess: close })}
      >
        <p>
          <strong>{pending?.name}</strong> will be removed from every gateway. An upstream still used by a service cannot be deleted.
        </p>
      </ConfirmDialog>
    </section>
  );
}
