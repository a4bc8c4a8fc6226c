import { useState } from 'react';
import { Link } from 'react-router';
import type { Route } from '@aya/config-schema';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { LoadMore } from '../../../components/load-more';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteRoute } from '../api/delete-route';
import { useRoutes } from '../api/get-routes';
import { RoutesTable } from '../components/routes-table';

export function RoutesListRoute() {
  const tenant = useTenant();
  const routes = useRoutes(tenant);
  const remove = useDeleteRoute(tenant);
  const [pending, setPending] = useState<Route | null>(null);

  const rows = routes.data?.pages.flatMap((p) => p.data) ?? [];
  const newLink = (
    <Link to={consolePath(tenant, 'routes', 'new')} className="btn btn-primary">
      New route
    </Link>
  );
  const close = () => {
    setPending(null);
    remove.reset();
  };

  return (
    <section>
      <PageHeader title="Routes" description="Which requests the gateway accepts, and the service each one goes to." actions={newLink} />
      {routes.isPending ? (
        <Loading label="Loading routes…" />
      ) : !routes.data ? (
        <ErrorState error={routes.error} onRetry={() => void routes.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No routes yet">
          <p>A route matches paths, methods and hosts, and sends the request to a service.</p>
          {newLink}
        </EmptyState>
      ) : (
        <>
          <RoutesTable tenant={tenant} routes={rows} onDelete={setPending} />
          <LoadMore hasMore={routes.hasNextPage} loading={routes.isFetchingNextPage} onLoadMore={() => void routes.fetchNextPage()} />
        </>
      )}
      <ConfirmDialog
        open={pending !== null}
        title="Delete route?"
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={close}
        onConfirm={() => pending && remove.mutate(pending.id, { onSuccess: close })}
      >
        <p>
          <strong>{pending?.name}</strong> stops matching on every gateway as soon as the change propagates.
        </p>
      </ConfirmDialog>
    </section>
  );
}
