import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { SelectField, TextField } from '../../../components/field';
import { FormAlert } from '../../../components/form-alert';
import { apiErrorToFormErrors, noFormErrors } from '../../../lib/form-errors';
import type { TenantRole } from '../../auth/api/types';
import { useAccess } from '../../auth/api/use-access';
import { useTokenWrites } from '../api/tokens';

const RANK: readonly TenantRole[] = ['owner', 'admin', 'operator', 'viewer'];
const ROLES: ReadonlyArray<{ value: TenantRole; label: string }> = [
  { value: 'viewer', label: 'Viewer' },
  { value: 'operator', label: 'Operator' },
  { value: 'admin', label: 'Admin' },
  { value: 'owner', label: 'Owner' },
];

/** Creates a token and shows it once, with a copy button: the control plane keeps only its hash. */
export function NewToken({ tenant }: { tenant: string }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<TenantRole>('operator');
  const [expires, setExpires] = useState('');
  const [copied, setCopied] = useState(false);
  const { create } = useTokenWrites(tenant);
  // a token gets at most the creator's own role (the control plane refuses more)
  const own = useAccess(tenant).role ?? 'viewer';
  const roles = ROLES.filter((r) => RANK.indexOf(r.value) >= RANK.indexOf(own));
  const errors = create.isError ? apiErrorToFormErrors(create.error, ['name', 'role', 'expiresAt']) : noFormErrors;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setCopied(false);
    // a date means the end of that day in the operator's time zone
    const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined;
    create.mutate({ name: name.trim(), role, expiresAt }, { onSuccess: () => setName('') });
  };

  const token = create.data?.token;
  return (
    <div className="card">
      <form className="form form-inline" onSubmit={onSubmit} noValidate aria-label="New token">
        <TextField label="Token name" name="name" value={name} onValueChange={setName} hint="What uses it, e.g. ci-deploy" error={errors.fields.name} required />
        <SelectField label="Role" name="role" value={role} onValueChange={(v) => setRole(v as TenantRole)} options={roles} error={errors.fields.role} />
        <TextField label="Expires" name="expiresAt" type="date" value={expires} onValueChange={setExpires} hint="Empty: never" error={errors.fields.expiresAt} />
        <FormAlert message={errors.form} />
        <Button type="submit" variant="primary" busy={create.isPending} disabled={!name.trim()}>
          Create token
        </Button>
      </form>
      {token ? (
        <div className="alert alert-success token-once" role="status" data-testid="new-token">
          <p>
            <strong>{create.data?.name}</strong>: copy it now, it is not shown again.
          </p>
          {/* a long unbroken secret must wrap, not widen a phone screen */}
          <code className="mono token-value" style={{ overflowWrap: 'anywhere' }} data-testid="new-token-value">
            {token}
          </code>
          <Button
            size="sm"
            onClick={() => {
              void navigator.clipboard?.writeText(token).then(() => setCopied(true));
            }}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
