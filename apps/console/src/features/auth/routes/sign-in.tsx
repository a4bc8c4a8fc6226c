import { Navigate, useLocation, useNavigate } from 'react-router';
import { useAuthSession } from '../../../lib/auth-token';
import { SignInForm } from '../components/sign-in-form';

interface FromState {
  from?: string;
}

function safeFrom(state: unknown): string {
  const from = (state as FromState | null)?.from;
  // Only console paths: never bounce a user to an arbitrary location after sign-in.
  return typeof from === 'string' && from.startsWith('/console') && !from.startsWith('/console/sign-in') ? from : '/console';
}

export function SignInRoute() {
  const session = useAuthSession();
  const location = useLocation();
  const navigate = useNavigate();
  const target = safeFrom(location.state);

  if (session.signedIn) return <Navigate to={target} replace />;

  return (
    <main className="sign-in-page">
      <div className="sign-in-brand">
        <span className="brand-mark" aria-hidden="true">
          A
        </span>
        <div>
          <h1 className="sign-in-title">Sign in to Aya</h1>
          <p className="sign-in-subtitle">Operator console</p>
        </div>
      </div>
      <SignInForm onSignedIn={() => navigate(target, { replace: true })} />
    </main>
  );
}
