import { useState } from 'react';
import { Link } from 'react-router';
import type { Certificate } from '@aya/config-schema';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable } from '../../../components/data-table';
import { LoadMore } from '../../../components/load-more';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteCertificate } from '../api/delete-certificate';
import { useCertificates } from '../api/get-certificates';
import { CERTIFICATE_COLUMNS } from '../components/certificate-columns';

/** What a row is called: its first SNI, or its id when it serves none. */
const certName = (c: Certificate) => c.snis[0] ?? c.id;

/** Certificates have no name and no edit form (a new chain is a new certificate), so this is not a ResourceListPage. */
export function CertificatesListRoute() {
  const tenant = useTenant();
  const pages = useCertificates(tenant);
  const remove = useDeleteCertificate(tenant);
  const [pending, setPending] = useState<Certificate | null>(null);
  const rows = pages.data?.pages.flatMap((p) => p.data) ?? [];
  const newLink = (
    <Link to={consolePath(tenant, 'certificates', 'new')} className="btn btn-primary">
      New certificate
    </Link>
  );
  const close = () => {
    setPending(null);
    remove.reset();
  };
  return (
    <section>
      <PageHeader title="Certificates" description="TLS certificates: served by SNI on the gateway's HTTPS listener, or presented to upstreams (mTLS)." actions={newLink} />
      {pages.isPending ? (
        <Loading label="Loading certificates…" />
      ) : !pages.data ? (
        <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No certificates yet">
          <p>Upload a PEM certificate and its key; the key is stored encrypted and never shown again.</p>
          {newLink}
        </EmptyState>
      ) : (
        <>
          <DataTable
            label="Certificates"
            columns={CERTIFICATE_COLUMNS}
            rows={rows}
            rowKey={(c) => c.id}
            rowTestId={(c) => `certificate-row-${certName(c)}`}
            actions={(c) => (
              <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Delete certificate ${certName(c)}`} onClick={() => setPending(c)}>
                Delete
              </Button>
            )}
          />
          <LoadMore hasMore={pages.hasNextPage} loading={pages.isFetchingNextPage} onLoadMore={() => void pages.fetchNextPage()} />
        </>
      )}
      <ConfirmDialog
        open={pending !== null}
        title="Delete certificate?"
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={close}
        onConfirm={() => pending && remove.mutate(pending.id, { onSuccess: close })}
      >
        <p>
          <strong>{pending ? certName(pending) : ''}</strong> will be removed from every gateway; its hostnames stop being served over TLS with it, and services
          using it as a client certificate or CA must be changed first.
        </p>
      </ConfirmDialog>
    </section>
  );
}
