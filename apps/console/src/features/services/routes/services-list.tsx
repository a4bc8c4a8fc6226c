import { useState } from 'react';
import { Link } from 'react-router';
import type { Service } from '@aya/config-schema';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { LoadMore } from '../../../components/load-more';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteService } from '../api/delete-service';
import { useServices } from '../api/get-services';
import { ServicesTable } from '../components/services-table';

export function ServicesListRoute() {
  const tenant = useTenant();
  const services = useServices(tenant);
  const remove = useDeleteService(tenant);
  const [pending, setPending] = useState<Service | null>(null);

  const rows = services.data?.pages.flatMap((p) => p.data) ?? [];
  const newLink = (
    <Link to={consolePath(tenant, 'services', 'new')} className="btn btn-primary">
      New service
    </Link>
  );

  const close = () => {
    setPending(null);
    remove.reset();
  };

  return (
    <section>
      <PageHeader title="Services" description="Upstream APIs the gateway forwards to." actions={newLink} />
      {services.isPending ? (
        <Loading label="Loading services…" />
      ) : !services.data ? (
        <ErrorState error={services.error} onRetry={() => void services.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No services yet">
          <p>A service is where traffic goes: a URL or an upstream. Routes then expose it on the gateway.</p>
          {newLink}
        </EmptyState>
      ) : (
        <>
          <ServicesTable tenant={tenant} services={rows} onDelete={setPending} />
          <LoadMore hasMore={services.hasNextPage} loading={services.isFetchingNextPage} onLoadMore={() => void services.fetchNextPage()} />
        </>
      )}
      <ConfirmDialog
        open={pending !== null}
        title="Delete service?"
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={close}
        onConfirm={() => pending && remove.mutate(pending.id, { onSuccess: close })}
      >
        <p>
          <strong>{pending?.name}</strong> will be removed from every gateway. A service still used by a route cannot be deleted.
        </p>
      </ConfirmDialog>
    </section>
  );
}
