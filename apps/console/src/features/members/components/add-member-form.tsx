import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { SelectField, TextField } from '../../../components/field';
import { FormAlert } from '../../../components/form-alert';
import { apiErrorToFormErrors, noFormErrors } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { TENANT_ROLES, type TenantRole } from '../../auth/api/types';
import { useMemberWrites } from '../api/members';

export const roleOptions = (roles: readonly TenantRole[] = TENANT_ROLES) => roles.map((r) => ({ value: r, label: r[0]?.toUpperCase() + r.slice(1) }));

/** Adds an existing user (by username or e-mail) with a role; errors land at their field. */
export function AddMemberForm({ tenant }: { tenant: string }) {
  const [user, setUser] = useState('');
  const [role, setRole] = useState<TenantRole>('viewer');
  const { add } = useMemberWrites(tenant);
  const errors = add.isError ? apiErrorToFormErrors(add.error, ['user', 'role']) : noFormErrors;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { user: user.trim(), role },
      {
        onSuccess: (m) => {
          notifySuccess(`${m.user.username} added as ${m.role}`);
          setUser('');
        },
      },
    );
  };

  return (
    <form className="form form-inline card" onSubmit={onSubmit} noValidate aria-label="Add a member">
      <TextField label="User" name="user" value={user} onValueChange={setUser} hint="Username or e-mail of an existing user" error={errors.fields.user} required />
      <SelectField label="Role" name="role" value={role} onValueChange={(v) => setRole(v as TenantRole)} options={roleOptions()} error={errors.fields.role} />
      <FormAlert message={errors.form} />
      <Button type="submit" variant="primary" busy={add.isPending} disabled={!user.trim()}>
        Add member
      </Button>
    </form>
  );
}
