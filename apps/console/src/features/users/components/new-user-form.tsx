import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { CheckboxField, TextField } from '../../../components/field';
import { FormAlert } from '../../../components/form-alert';
import { apiErrorToFormErrors, noFormErrors } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useUserWrites } from '../api/users';

export function NewUserForm() {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [superadmin, setSuperadmin] = useState(false);
  const { create } = useUserWrites();
  const errors = create.isError ? apiErrorToFormErrors(create.error, ['username', 'email', 'password', 'superadmin']) : noFormErrors;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { username: username.trim(), email: email.trim() || undefined, password, superadmin },
      {
        onSuccess: (u) => {
          notifySuccess(`User ${u.username} created`);
          setUsername('');
          setEmail('');
          setPassword('');
          setSuperadmin(false);
        },
      },
    );
  };

  return (
    <form className="form form-inline card" onSubmit={onSubmit} noValidate aria-label="New user">
      <TextField label="Username" name="username" value={username} onValueChange={setUsername} error={errors.fields.username} autoComplete="off" required />
      <TextField label="E-mail" name="email" type="email" value={email} onValueChange={setEmail} error={errors.fields.email} autoComplete="off" />
      <TextField label="Password" name="password" type="password" value={password} onValueChange={setPassword} hint="At least 8 characters" error={errors.fields.password} autoComplete="new-password" required />
      <CheckboxField label="Superadmin" name="superadmin" checked={superadmin} onCheckedChange={setSuperadmin} hint="Everything in every tenant, users included" />
      <FormAlert message={errors.form} />
      <Button type="submit" variant="primary" busy={create.isPending} disabled={!username.trim() || !password}>
        Create user
      </Button>
    </form>
  );
}
