import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuthToken } from '../lib/auth-token';

/** Without a token (never signed in, signed out, or dropped after a 401) every console page goes to sign-in and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const token = useAuthToken();
  const location = useLocation();
  if (!token) {
    return <Navigate to="/console/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return children;
}
