import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { CheckboxField, TextField } from '../../../components/field';
import { FormAlert } from '../../../components/form-alert';
import { apiErrorToFormErrors, noFormErrors } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useUserWrites, type PlatformUser, type UserUpdate } from '../api/users';

/** Only what changed goes in the PATCH; an emptied e-mail is removed (null). */
function changes(user: PlatformUser, username: string, email: string, superadmin: boolean, disabled: boolean): UserUpdate {
  const body: UserUpdate = {};
  if (username.trim() !== user.username) body.username = username.trim();
  const mail = email.trim() === '' ? null : email.trim();
  if (mail !== user.email) body.email = mail;
  if (superadmin !== user.superadmin) body.superadmin = superadmin;
  if (disabled !== user.disabled) body.disabled = disabled;
  return body;
}

/** Username, e-mail, the superadmin flag and disabled of one user; errors land at their field (409 taken, the last superadmin). */
export function UserDetailsForm({ user, onSaved }: { user: PlatformUser; onSaved: (user: PlatformUser) => void }) {
  const [username, setUsername] = useState(user.username);
  const [email, setEmail] = useState(user.email ?? '');
  const [superadmin, setSuperadmin] = useState(user.superadmin);
  const [disabled, setDisabled] = useState(user.disabled);
  const { update } = useUserWrites();
  const errors = update.isError ? apiErrorToFormErrors(update.error, ['username', 'email', 'superadmin', 'disabled']) : noFormErrors;
  const body = changes(user, username, email, superadmin, disabled);
  const dirty = Object.keys(body).length > 0;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { user: user.id, body },
      {
        onSuccess: (saved) => {
          notifySuccess(`User ${saved.username} saved`);
          onSaved(saved);
        },
      },
    );
  };

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label="User details">
      <h2 className="section-title">Details</h2>
      <TextField label="Username" name="username" value={username} onValueChange={setUsername} error={errors.fields.username} autoComplete="off" required />
      <TextField label="E-mail" name="email" type="email" value={email} onValueChange={setEmail} hint="Empty: no address" error={errors.fields.email} autoComplete="off" />
      <CheckboxField
        label="Superadmin"
        name="superadmin"
        checked={superadmin}
        onCheckedChange={setSuperadmin}
        hint="Everything in every tenant, users included"
        error={errors.fields.superadmin}
      />
      <CheckboxField
        label="Disabled"
        name="disabled"
        checked={disabled}
        onCheckedChange={setDisabled}
        hint="Cannot sign in; their sessions end. Tokens they created keep working until revoked"
        error={errors.fields.disabled}
      />
      <FormAlert message={errors.form} />
      <Button type="submit" variant="primary" busy={update.isPending} disabled={!dirty || !username.trim()}>
        Save
      </Button>
    </form>
  );
}
