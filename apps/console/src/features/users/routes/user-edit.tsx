import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button } from '../../../components/button';
import { DeleteResourceDialog } from '../../../components/delete-resource-dialog';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, Loading } from '../../../components/status';
import { seg } from '../../../lib/api-client';
import { useUser, useUserWrites, type PlatformUser } from '../api/users';
import { ResetPassword } from '../components/reset-password';
import { UserDetailsForm } from '../components/user-details-form';
import { UserHistory } from '../components/user-history';

/** One platform user (superadmins): details, a password reset shown once, who changed them, delete. */
export function UserEditRoute() {
  const { tenant = '', userId = '' } = useParams();
  const user = useUser(userId);
  const { remove } = useUserWrites();
  const navigate = useNavigate();
  const [removing, setRemoving] = useState<PlatformUser | null>(null);
  const usersPath = `/console/t/${seg(tenant)}/users`;

  if (user.isPending) return <Loading label="Loading user…" />;
  if (!user.data) return <ErrorState error={user.error} onRetry={() => void user.refetch()} />;
  const u = user.data;
  const tenants = u.tenants.map((t) => `${t.slug} (${t.role})`).join(', ');
  return (
    <section>
      <PageHeader
        title={u.username}
        description={tenants ? `Member of ${tenants}. Roles are given on each tenant's Members page.` : 'Member of no tenant yet.'}
        actions={
          <Link to={usersPath} className="btn btn-ghost">
            All users
          </Link>
        }
      />
      <UserDetailsForm key={u.id} user={u} onSaved={(saved) => saved.id !== userId && navigate(`${usersPath}/${seg(saved.id)}`, { replace: true })} />
      <ResetPassword user={u} />
      <UserHistory userId={u.id} />
      <div className="card">
        <h2 className="section-title">Delete user</h2>
        <p>Their sessions and memberships end; tokens they created keep working until revoked.</p>
        <Button variant="danger" onClick={() => setRemoving(u)}>
          Delete user
        </Button>
      </div>
      <DeleteResourceDialog<PlatformUser>
        noun="user"
        pending={removing}
        nameOf={(x) => x.username}
        remove={remove}
        onClose={() => setRemoving(null)}
        appliesToGateways={false}
        onDone={() => navigate(usersPath)}
      >
        can no longer sign in; their sessions and memberships end.
      </DeleteResourceDialog>
    </section>
  );
}
