import { useState } from 'react';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable } from '../../../components/data-table';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, Loading } from '../../../components/status';
import { notifySuccess } from '../../../lib/notify';
import { useUsers, useUserWrites, type PlatformUser } from '../api/users';
import { NewUserForm } from '../components/new-user-form';

/** Platform users (superadmins only); their roles are given per tenant on its Members page. */
export function UsersRoute() {
  const users = useUsers();
  const { remove } = useUserWrites();
  const [removing, setRemoving] = useState<PlatformUser | null>(null);

  return (
    <section>
      <PageHeader title="Users" description="Everyone who can sign in. Roles are given per tenant, on its Members page." />
      <NewUserForm />
      {users.data ? (
        <DataTable
          label="Users"
          rows={users.data}
          rowKey={(u) => u.id}
          rowTestId={(u) => `user-row-${u.username}`}
          columns={[
            { header: 'Username', cell: (u) => u.username },
            { header: 'E-mail', className: 'muted', cell: (u) => u.email ?? '—' },
            { header: 'Superadmin', cell: (u) => (u.superadmin ? 'yes' : '') },
            { header: 'Tenants', className: 'muted', cell: (u) => u.tenants.map((t) => `${t.slug} (${t.role})`).join(', ') || '—' },
          ]}
          actions={(u) => (
            <Button size="sm" variant="ghost" onClick={() => setRemoving(u)}>
              Delete
            </Button>
          )}
        />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Loading label="Loading users…" />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Delete ${removing?.username ?? ''}?`}
        busy={remove.isPending}
        error={remove.isError ? remove.error.message : null}
        onCancel={() => {
          remove.reset();
          setRemoving(null);
        }}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.username, {
            onSuccess: () => {
              notifySuccess(`${removing.username} deleted`);
              setRemoving(null);
            },
          })
        }
      >
        <p>Their sessions and memberships end; tokens they created keep working until revoked.</p>
      </ConfirmDialog>
    </section>
  );
}
