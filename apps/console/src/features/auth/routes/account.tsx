import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { FormAlert } from '../../../components/form-alert';
import { PageHeader } from '../../../components/page-header';
import { apiErrorToFormErrors, noFormErrors } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useChangePassword } from '../api/change-password';
import { useMe } from '../api/get-me';
import { useLogout } from '../api/logout';

/** The signed-in user: change the password (other sessions end), sign out everywhere. */
export function AccountRoute() {
  const me = useMe();
  const navigate = useNavigate();
  const change = useChangePassword();
  const logout = useLogout();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const errors = change.isError ? apiErrorToFormErrors(change.error, ['currentPassword', 'newPassword']) : noFormErrors;
  const isUser = me.data?.kind === 'session';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          notifySuccess('Password changed; your other sessions were signed out');
          setCurrent('');
          setNext('');
        },
      },
    );
  };

  return (
    <section>
      <PageHeader title="Account" description={me.data ? `Signed in as ${me.data.user.username}${me.data.user.email ? ` (${me.data.user.email})` : ''}` : undefined} />
      {isUser ? (
        <>
          <form className="form card" onSubmit={onSubmit} noValidate aria-label="Change password">
            <h2 className="section-title">Change password</h2>
            <TextField label="Current password" name="currentPassword" type="password" value={current} onValueChange={setCurrent} autoComplete="current-password" error={errors.fields.currentPassword} required />
            <TextField label="New password" name="newPassword" type="password" value={next} onValueChange={setNext} autoComplete="new-password" hint="At least 8 characters" error={errors.fields.newPassword} required />
            <FormAlert message={errors.form} />
            <Button type="submit" variant="primary" busy={change.isPending} disabled={!current || !next}>
              Change password
            </Button>
          </form>
          <div className="card">
            <h2 className="section-title">Sessions</h2>
            <p>Signs this user out in every browser and CLI, this one too.</p>
            <FormAlert message={logout.isError ? logout.error.message : null} />
            <Button variant="danger" busy={logout.isPending} onClick={() => logout.mutate(true, { onSuccess: () => navigate('/console/sign-in') })}>
              Sign out everywhere
            </Button>
          </div>
        </>
      ) : (
        <p>Signed in with an admin token: it has no password or sessions of its own.</p>
      )}
    </section>
  );
}
