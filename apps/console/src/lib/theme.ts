import { useCallback, useSyncExternalStore } from 'react';

/** What the operator picked; `system` follows the OS (prefers-color-scheme) through CSS alone. */
export type ThemePreference = 'light' | 'dark' | 'system';

export const THEME_PREFERENCES: ReadonlyArray<ThemePreference> = ['light', 'dark', 'system'];

const THEME_KEY = 'aya.console.theme';
const listeners = new Set<() => void>();

function isPreference(v: unknown): v is ThemePreference {
  return typeof v === 'string' && (THEME_PREFERENCES as ReadonlyArray<string>).includes(v);
}

export function storedTheme(): ThemePreference {
  try {
    const v = window.localStorage.getItem(THEME_KEY);
    return isPreference(v) ? v : 'system';
  } catch {
    return 'system';
  }
}

/**
 * `data-theme` on <html> pins the root's color-scheme (styles/base.css); without it the system decides.
 * Called before the first render too (main.tsx), so a stored dark theme never flashes light.
 */
export function applyTheme(pref: ThemePreference): void {
  const root = document.documentElement;
  if (pref === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', pref);
}

export function setTheme(pref: ThemePreference): void {
  try {
    window.localStorage.setItem(THEME_KEY, pref);
  } catch {
    // Not remembered past this page; still applied.
  }
  applyTheme(pref);
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed it: follow.
  const onStorage = (e: StorageEvent) => {
    if (e.key !== THEME_KEY) return;
    applyTheme(storedTheme());
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useTheme(): [ThemePreference, (pref: ThemePreference) => void] {
  const pref = useSyncExternalStore(subscribe, storedTheme, () => 'system' as const);
  return [pref, useCallback((p: ThemePreference) => setTheme(p), [])];
}
