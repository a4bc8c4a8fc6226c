import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { hasUnsavedChanges } from '../lib/unsaved-changes';
import { ConfirmDialog } from './confirm-dialog';

/** Asks before leaving a page with unsaved edits: in-app navigation (a dialog) and reload/close (the browser's prompt). */
export function UnsavedChangesGuard() {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && hasUnsavedChanges());

  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title="Leave without saving?"
      confirmLabel="Leave"
      onConfirm={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      <p>This page has changes that are not saved. They are lost if you leave.</p>
    </ConfirmDialog>
  );
}
