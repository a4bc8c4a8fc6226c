import { useSyncExternalStore } from 'react';

/**
 * What this tab knows of its session. A password sign-in lives in the control plane's http-only `aya_session`
 * cookie, which no script can read: the tab keeps only the CSRF token its writes must send (from the sign-in answer,
 * or GET /auth/me after a reload). A pasted admin token is kept in memory only (never in storage), so a reload asks
 * for it again. `signedIn`: null until /auth/me has answered.
 */
export interface AuthSession {
  token: string | null;
  csrf: string | null;
  signedIn: boolean | null;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let current: AuthSession = { token: null, csrf: null, signedIn: null };

function update(next: Partial<AuthSession>): void {
  current = { ...current, ...next };
  for (const l of listeners) l();
}

export const authSession = {
  get(): AuthSession {
    return current;
  },
  /** Signed in with the password: the cookie holds the session. */
  signedIn(csrf: string | null): void {
    update({ csrf, signedIn: true });
  },
  /** Signed in with a pasted admin token, sent as a bearer header. */
  signedInWithToken(token: string): void {
    update({ token, csrf: null, signedIn: true });
  },
  signedOut(): void {
    if (current.signedIn === false && current.token === null) return;
    update({ token: null, csrf: null, signedIn: false });
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useAuthSession(): AuthSession {
  return useSyncExternalStore(authSession.subscribe, authSession.get, authSession.get);
}
