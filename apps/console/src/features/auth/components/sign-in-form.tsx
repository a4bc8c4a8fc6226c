import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { FormAlert } from '../../../components/form-alert';
import { TextField } from '../../../components/field';
import { ApiError } from '../../../lib/api-client';
import { useSignInWithToken } from '../api/get-me';
import { useLogin } from '../api/login';

type Mode = 'password' | 'token';

function signInMessage(error: unknown, mode: Mode): string {
  if (error instanceof ApiError && error.status === 401) {
    return mode === 'password' ? 'Wrong username or password.' : 'This token was not accepted.';
  }
  return error instanceof Error ? error.message : 'Sign-in failed.';
}

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [mode, setMode] = useState<Mode>('password');
  const tabsId = useId();
  return (
    <div className="sign-in-card">
      <div className="tabs" role="tablist" aria-label="Sign-in method">
        {(['password', 'token'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            id={`${tabsId}-${m}-tab`}
            aria-selected={mode === m}
            aria-controls={`${tabsId}-${m}-panel`}
            className={`tab${mode === m ? ' tab-active' : ''}`}
            onClick={() => setMode(m)}
          >
            {m === 'password' ? 'Password' : 'Admin token'}
          </button>
        ))}
      </div>
      {/* No aria-labelledby: a panel named "Password" would make getByLabel('Password') ambiguous for tests and screen-reader label lookups. */}
      <div role="tabpanel" id={`${tabsId}-${mode}-panel`}>
        {mode === 'password' ? <PasswordForm onSignedIn={onSignedIn} /> : <TokenForm onSignedIn={onSignedIn} />}
      </div>
    </div>
  );
}

function PasswordForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const loginMutation = useLogin();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    loginMutation.mutate({ username: username.trim(), password }, { onSuccess: onSignedIn });
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <TextField label="Username or e-mail" name="username" value={username} onValueChange={setUsername} autoComplete="username" required autoFocus />
      <TextField
        label="Password"
        name="password"
        type="password"
        value={password}
        onValueChange={setPassword}
        autoComplete="current-password"
        required
      />
      <FormAlert message={loginMutation.isError ? signInMessage(loginMutation.error, 'password') : null} />
      <Button type="submit" variant="primary" busy={loginMutation.isPending} disabled={!username.trim() || !password} className="btn-block">
        Sign in
      </Button>
    </form>
  );
}

function TokenForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const verify = useSignInWithToken();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate(token.trim(), { onSuccess: onSignedIn });
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <TextField
        label="Admin token"
        name="token"
        type="password"
        value={token}
        onValueChange={setToken}
        autoComplete="off"
        spellCheck={false}
        hint="AYA_ADMIN_TOKEN, or a tenant admin token (ayat_…). Kept for this tab only."
        required
        autoFocus
      />
      <FormAlert message={verify.isError ? signInMessage(verify.error, 'token') : null} />
      <Button type="submit" variant="primary" busy={verify.isPending} disabled={!token.trim()} className="btn-block">
        Sign in with token
      </Button>
    </form>
  );
}
