import { useState } from 'react';
import { useParams } from 'react-router';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable } from '../../../components/data-table';
import { PageHeader } from '../../../components/page-header';
import { RelativeTime } from '../../../components/relative-time';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { notifySuccess } from '../../../lib/notify';
import { useTokens, useTokenWrites, type AdminToken } from '../api/tokens';
import { NewToken } from '../components/new-token';

/** Admin tokens for automation (owners and admins): `Authorization: Bearer ayat_…`, this tenant and role only. */
export function TokensRoute() {
  const tenant = useParams().tenant ?? '';
  const tokens = useTokens(tenant);
  const { revoke } = useTokenWrites(tenant);
  const [revoking, setRevoking] = useState<AdminToken | null>(null);

  return (
    <section>
      <PageHeader title="Admin tokens" description="For scripts and CI: each acts with its role in this tenant only." />
      <NewToken tenant={tenant} />
      {tokens.data ? (
        tokens.data.length === 0 ? (
          <EmptyState title="No tokens" />
        ) : (
          <DataTable
            label="Admin tokens"
            rows={tokens.data}
            rowKey={(t) => t.id}
            rowTestId={(t) => `token-row-${t.name}`}
            columns={[
              { header: 'Name', cell: (t) => t.name },
              { header: 'Role', cell: (t) => t.role },
              { header: 'Last used', className: 'muted', cell: (t) => (t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : 'never') },
              {
                header: 'Expires',
                className: 'muted',
                cell: (t) => (t.expiresAt ? (Date.parse(t.expiresAt) <= Date.now() ? 'expired' : new Date(t.expiresAt).toLocaleDateString()) : 'never'),
              },
              { header: 'Created by', className: 'muted', cell: (t) => t.createdBy },
            ]}
            actions={(t) => (
              <Button size="sm" variant="ghost" onClick={() => setRevoking(t)}>
                Revoke
              </Button>
            )}
          />
        )
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Loading label="Loading tokens…" />
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? ''}?`}
        confirmLabel="Revoke"
        busy={revoke.isPending}
        error={revoke.isError ? revoke.error.message : null}
        onCancel={() => {
          revoke.reset();
          setRevoking(null);
        }}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifySuccess(`${revoking.name} revoked`);
              setRevoking(null);
            },
          })
        }
      >
        <p>Anything using it gets 401 from now on.</p>
      </ConfirmDialog>
    </section>
  );
}
