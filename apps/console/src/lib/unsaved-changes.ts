import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The forms with edits not saved yet. One guard (components/unsaved-changes-guard.tsx, mounted by the
 * layout) asks before any navigation while this is not empty: react-router allows one blocker at a time.
 */
const dirtyForms = new Set<object>();

export function hasUnsavedChanges(): boolean {
  return dirtyForms.size > 0;
}

export interface UnsavedChanges {
  /** Lets the next navigation through: call right before a successful save moves on. */
  release: () => void;
  /** A save failed: the edits are still unsaved. */
  restore: () => void;
}

/** Registers a form as dirty while `dirty` is true (and until it unmounts). */
export function useUnsavedChanges(dirty: boolean): UnsavedChanges {
  const [token] = useState(() => ({}));
  const dirtyRef = useRef(dirty);

  useEffect(() => {
    dirtyRef.current = dirty;
    if (!dirty) return;
    dirtyForms.add(token);
    return () => {
      dirtyForms.delete(token);
    };
  }, [dirty, token]);

  const release = useCallback(() => dirtyForms.delete(token), [token]);
  const restore = useCallback(() => {
    if (dirtyRef.current) dirtyForms.add(token);
  }, [token]);
  return { release, restore };
}
