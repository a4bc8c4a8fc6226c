import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { FormAlert } from '../../../components/form-alert';
import { apiErrorToFormErrors, noFormErrors } from '../../../lib/form-errors';
import { useUserWrites, type PlatformUser } from '../api/users';
import { generatePassword } from '../utils/generate-password';

/**
 * Sets a user's password (typed, or generated here) and shows it once, to hand over: the control plane keeps only
 * its hash, and the user's sessions end.
 */
export function ResetPassword({ user }: { user: PlatformUser }) {
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  // a generated password is shown in the field; a typed one stays masked
  const [generated, setGenerated] = useState(false);
  const { update } = useUserWrites();
  const errors = update.isError ? apiErrorToFormErrors(update.error, ['password']) : noFormErrors;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setShown(null);
    setCopied(false);
    update.mutate(
      { user: user.id, body: { password } },
      {
        onSuccess: () => {
          setShown(password);
          setPassword('');
          setGenerated(false);
        },
      },
    );
  };

  return (
    <div className="card">
      <form className="form" onSubmit={onSubmit} noValidate aria-label="Reset password">
        <h2 className="section-title">Reset password</h2>
        <p className="muted">Their sessions end; they sign in again with the new password.</p>
        <TextField
          label="New password"
          name="password"
          type={generated ? 'text' : 'password'}
          value={password}
          onValueChange={(v) => {
            setPassword(v);
            setGenerated(false);
          }}
          autoComplete="new-password"
          hint="At least 8 characters, or generate one"
          error={errors.fields.password}
        />
        <FormAlert message={errors.form} />
        <div className="form-actions">
          <Button
            onClick={() => {
              setPassword(generatePassword());
              setGenerated(true);
            }}
          >
            Generate
          </Button>
          <Button type="submit" variant="primary" busy={update.isPending} disabled={!password}>
            Reset password
          </Button>
        </div>
      </form>
      {shown ? (
        <div className="alert alert-success token-once" role="status" data-testid="new-password">
          <p>
            New password of <strong>{user.username}</strong>: hand it over now, it is not shown again.
          </p>
          <code className="mono token-value" style={{ overflowWrap: 'anywhere' }} data-testid="new-password-value">
            {shown}
          </code>
          <Button size="sm" onClick={() => void navigator.clipboard?.writeText(shown).then(() => setCopied(true))}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
