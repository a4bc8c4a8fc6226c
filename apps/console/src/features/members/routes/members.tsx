import { useState } from 'react';
import { useParams } from 'react-router';
import { Button } from '../../../components/button';
import { DataTable } from '../../../components/data-table';
import { DeleteResourceDialog } from '../../../components/delete-resource-dialog';
import { PagedList } from '../../../components/paged-list';
import { PageHeader } from '../../../components/page-header';
import { EmptyState } from '../../../components/status';
import { useListState } from '../../../lib/list-params';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useAccess } from '../../auth/api/use-access';
import type { TenantRole } from '../../auth/api/types';
import { useMembersPage, useMemberWrites, type Member } from '../api/members';
import { AddMemberForm, roleOptions } from '../components/add-member-form';

const NO_FILTERS: readonly string[] = [];
const REMOVE = { action: 'Remove', done: 'removed' };

/** The tenant's members: everyone may see them; owners and admins add, change and remove (owners alone touch owners). */
export function MembersRoute() {
  const tenant = useParams().tenant ?? '';
  const list = useListState(NO_FILTERS);
  const page = useMembersPage(tenant, list.params, list.cursor);
  const access = useAccess(tenant);
  const { changeRole, remove } = useMemberWrites(tenant);
  const [removing, setRemoving] = useState<Member | null>(null);
  const canWrite = access.can('write-members');
  // nobody hands out (or touches) a role above their own
  const rank = (r: TenantRole) => ['owner', 'admin', 'operator', 'viewer'].indexOf(r);
  const mine = access.role ? rank(access.role) : 99;
  const grantable = roleOptions().filter((o) => rank(o.value) >= mine);
  const editable = (m: Member) => canWrite && rank(m.role) >= mine;

  const onRole = (m: Member, role: string) =>
    changeRole.mutate(
      { user: m.user.id, role: role as TenantRole },
      { onSuccess: () => notifySuccess(`${m.user.username} is now ${role}`), onError: (e) => notifyError(e.message) },
    );

  return (
    <section>
      <PageHeader title="Members" description="Who may do what in this tenant." />
      {canWrite ? <AddMemberForm tenant={tenant} /> : null}
      <PagedList<Member>
        plural="members"
        searchHint="username or e-mail"
        list={list}
        page={page}
        empty={<EmptyState title="No members yet" />}
        table={(rows) => (
          <DataTable
            label="Members"
            rows={rows}
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
                <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Remove ${m.user.username}`} onClick={() => setRemoving(m)}>
                  Remove
                </Button>
              ) : null
            }
          />
        )}
      />
      <DeleteResourceDialog<Member>
        noun="member"
        verb={REMOVE}
        title={`Remove ${removing?.user.username ?? ''}?`}
        pending={removing}
        nameOf={(m) => m.user.username}
        idOf={(m) => m.user.id}
        remove={remove}
        onClose={() => setRemoving(null)}
        appliesToGateways={false}
      >
        loses access to this tenant at once.
      </DeleteResourceDialog>
    </section>
  );
}
