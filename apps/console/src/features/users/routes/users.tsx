import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { DataTable } from '../../../components/data-table';
import { DeleteResourceDialog } from '../../../components/delete-resource-dialog';
import { PagedList } from '../../../components/paged-list';
import { PageHeader } from '../../../components/page-header';
import { EmptyState } from '../../../components/status';
import { seg } from '../../../lib/api-client';
import { useListState } from '../../../lib/list-params';
import { useUsersPage, useUserWrites, type PlatformUser } from '../api/users';
import { NewUserForm } from '../components/new-user-form';

const NO_FILTERS: readonly string[] = [];

/** Platform users (superadmins only); their roles are given per tenant on its Members page. */
export function UsersRoute() {
  const tenant = useParams().tenant ?? '';
  const list = useListState(NO_FILTERS);
  const page = useUsersPage(list.params, list.cursor);
  const { remove } = useUserWrites();
  const [removing, setRemoving] = useState<PlatformUser | null>(null);
  const editPath = (u: PlatformUser) => `/console/t/${seg(tenant)}/users/${seg(u.id)}`;

  return (
    <section>
      <PageHeader title="Users" description="Everyone who can sign in. Roles are given per tenant, on its Members page." />
      <NewUserForm />
      <PagedList<PlatformUser>
        plural="users"
        searchHint="username or e-mail"
        list={list}
        page={page}
        empty={<EmptyState title="No users yet" />}
        table={(rows) => (
          <DataTable
            label="Users"
            rows={rows}
            rowKey={(u) => u.id}
            rowTestId={(u) => `user-row-${u.username}`}
            columns={[
              { header: 'Username', cell: (u) => <Link to={editPath(u)}>{u.username}</Link> },
              { header: 'E-mail', className: 'muted', cell: (u) => u.email ?? '—' },
              { header: 'Superadmin', cell: (u) => (u.superadmin ? 'yes' : '') },
              { header: 'Status', cell: (u) => (u.disabled ? <Badge tone="warning">disabled</Badge> : '') },
              { header: 'Tenants', className: 'muted', cell: (u) => u.tenants.map((t) => `${t.slug} (${t.role})`).join(', ') || '—' },
            ]}
            actions={(u) => (
              <>
                <Link to={editPath(u)} className="btn btn-ghost btn-sm" aria-label={`Edit user ${u.username}`}>
                  Edit
                </Link>
                <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Delete user ${u.username}`} onClick={() => setRemoving(u)}>
                  Delete
                </Button>
              </>
            )}
          />
        )}
      />
      <DeleteResourceDialog<PlatformUser>
        noun="user"
        pending={removing}
        nameOf={(u) => u.username}
        remove={remove}
        onClose={() => setRemoving(null)}
        appliesToGateways={false}
      >
        can no longer sign in; their sessions and memberships end. Tokens they created keep working until revoked.
      </DeleteResourceDialog>
    </section>
  );
}
