import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, Loading } from '../components/status';
import { useMe } from '../features/auth/api/get-me';
import { ApiError } from '../lib/api-client';
import { useAuthSession } from '../lib/auth-token';

/**
 * Every console page needs a session: the cookie (checked with GET /auth/me, which also returns its CSRF token) or a
 * pasted admin token. Without one (never signed in, signed out, expired: any 401) it goes to sign-in and comes back.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useAuthSession();
  const me = useMe(session.signedIn !== false);
  const location = useLocation();
  const unauthorized = session.signedIn === false || (me.error instanceof ApiError && me.error.status === 401);
  if (unauthorized) return <Navigate to="/console/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Loading label="Checking your session…" />;
  return children;
}
