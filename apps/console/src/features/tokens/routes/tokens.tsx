import { useState } from 'react';
import { useParams } from 'react-router';
import { Button } from '../../../components/button';
import { DataTable } from '../../../components/data-table';
import { DeleteResourceDialog } from '../../../components/delete-resource-dialog';
import { PagedList } from '../../../components/paged-list';
import { PageHeader } from '../../../components/page-header';
import { RelativeTime } from '../../../components/relative-time';
import { EmptyState } from '../../../components/status';
import { useListState } from '../../../lib/list-params';
import { useTokensPage, useTokenWrites, type AdminToken } from '../api/tokens';
import { NewToken } from '../components/new-token';

const NO_FILTERS: readonly string[] = [];
const REVOKE = { action: 'Revoke', done: 'revoked' };

/** Admin tokens for automation (owners and admins): `Authorization: Bearer ayat_…`, this tenant and role only. */
export function TokensRoute() {
  const tenant = useParams().tenant ?? '';
  const list = useListState(NO_FILTERS);
  const page = useTokensPage(tenant, list.params, list.cursor);
  const { revoke } = useTokenWrites(tenant);
  const [revoking, setRevoking] = useState<AdminToken | null>(null);

  return (
    <section>
      <PageHeader title="Admin tokens" description="For scripts and CI: each acts with its role in this tenant only." />
      <NewToken tenant={tenant} />
      <PagedList<AdminToken>
        plural="tokens"
        searchHint="name"
        list={list}
        page={page}
        empty={<EmptyState title="No tokens" />}
        table={(rows) => (
          <DataTable
            label="Admin tokens"
            rows={rows}
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
              <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Revoke ${t.name}`} onClick={() => setRevoking(t)}>
                Revoke
              </Button>
            )}
          />
        )}
      />
      <DeleteResourceDialog<AdminToken>
        noun="token"
        verb={REVOKE}
        title={`Revoke ${revoking?.name ?? ''}?`}
        pending={revoking}
        nameOf={(t) => t.name}
        remove={revoke}
        onClose={() => setRevoking(null)}
        appliesToGateways={false}
      >
        stops working at once: anything using it gets 401 from now on.
      </DeleteResourceDialog>
    </section>
  );
}
