import { useState } from 'react';
import { useParams } from 'react-router';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable } from '../../../components/data-table';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useAccess } from '../../auth/api/use-access';
import type { TenantRole } from '../../auth/api/types';
import { useMembers, useMemberWrites, type Member } from '../api/members';
import { AddMemberForm, roleOptions } from '../components/add-member-form';

/** The tenant's members: everyone may see them; owners and admins add, change and remove (owners alone touch owners). */
export function MembersRoute() {
  const tenant = useParams().tenant ?? '';
  const members = useMembers(tenant);
  const access = useAccess(tenant);
  const { changeRole, remove } = useMemberWrites(tenant);
  const [removing, setRemoving] = useState<Member | null>(null);
  const canWrite = access.can('write-members');
  // nobody hands out (or touches) a role above their own
  const rank = (r: TenantRole) => ['owner', 'admin', 'operator', 'viewer'].indexOf(r);
  const mine = access.role ? rank(access.role) : 99;
  const grantable = roleOptions().filter((o) => rank(o.value as TenantRole) >= mine);
  const editable = (m: Member) => canWrite && rank(m.role) >= mine;

  const onRole = (m: Member, role: string) =>
    changeRole.mutate(
      { user: m.user.username, role: role as TenantRole },
      { onSuccess: () => notifySuccess(`${m.user.username} is now ${role}`), onError: (e) => notifyError(e.message) },
    );

  return (
    <section>
      <PageHeader title="Members" description="Who may do what in this tenant." />
      {canWrite ? <AddMemberForm tenant={tenant} /> : null}
      {members.data ? (
        members.data.length === 0 ? (
          <EmptyState title="No members yet" />
        ) : (
          <DataTable
            label="Members"
            rows={members.data}
            rowKey={(m) => m.user.id}
            rowTestId={(m) => `member-row-${m.user.username}`}
            columns={[
              { header: 'User', cell: (m) => m.user.username },
              { header: 'E-mail', className: 'muted', cell: (m) => m.user.email ?? '—' },
              {
                header: 'Role',
                cell: (m) =>
                  editable(m) ? (
                    <select className="input select input-sm" aria-label={`Role of ${m.user.username}`} value={m.role} onChange={(e) => onRole(m, e.target.value)}>
                      {grantable.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    m.role
                  ),
              },
            ]}
            actions={(m) =>
              editable(m) ? (
                <Button size="sm" variant="ghost" onClick={() => setRemoving(m)}>
                  Remove
                </Button>
              ) : null
            }
          />
        )
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <Loading label="Loading members…" />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.user.username ?? ''}?`}
        confirmLabel="Remove"
        busy={remove.isPending}
        error={remove.isError ? remove.error.message : null}
        onCancel={() => {
          remove.reset();
          setRemoving(null);
        }}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.user.username, {
            onSuccess: () => {
              notifySuccess(`${removing.user.username} removed`);
              setRemoving(null);
            },
          })
        }
      >
        <p>They lose access to this tenant at once.</p>
      </ConfirmDialog>
    </section>
  );
}
