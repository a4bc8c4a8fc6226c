import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'aya.console.token';

type Listener = () => void;
const listeners = new Set<Listener>();

function read(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy mode); the console then simply asks to sign in again.
    return null;
  }
}

let current: string | null = typeof window === 'undefined' ? null : read();

function emit(): void {
  for (const l of listeners) l();
}

/** The admin bearer token, kept in localStorage so a reload keeps the operator signed in. */
export const authToken = {
  get(): string | null {
    return current;
  },
  set(token: string): void {
    current = token;
    try {
      window.localStorage.setItem(STORAGE_KEY, token);
    } catch {
      // Kept in memory only.
    }
    emit();
  },
  clear(): void {
    if (current === null) return;
    current = null;
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Nothing stored.
    }
    emit();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

if (typeof window !== 'undefined') {
  // Signing out in one tab signs out every tab.
  window.addEventListener('storage', (e) => {
    if (e.key !== STORAGE_KEY) return;
    current = e.newValue;
    emit();
  });
}

export function useAuthToken(): string | null {
  return useSyncExternalStore(authToken.subscribe, authToken.get, () => null);
}
