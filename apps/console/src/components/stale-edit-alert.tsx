import { Fragment, createContext, useContext, type ReactNode } from 'react';
import type { OpenedRecord } from '../lib/use-opened-record';
import { Button } from './button';
import './read-only.css';

/**
 * How an edit page reloads the record its form works from (`useOpenedRecord().reload`): given by the page, used by
 * the form's 412 alert. Without one, the alert reloads the browser page.
 */
export const FormReloadContext = createContext<(() => Promise<void>) | null>(null);

/** An edit form over the record it opened with: re-seeded (remounted) after a reload, which its 412 alert offers. */
export function ReloadableForm({ opened, children }: { opened: Pick<OpenedRecord<unknown>, 'version' | 'reload'>; children: ReactNode }) {
  return (
    <FormReloadContext.Provider value={opened.reload}>
      <Fragment key={opened.version}>{children}</Fragment>
    </FormReloadContext.Provider>
  );
}

export interface StaleEditAlertProps {
  message: string;
  onKeepEditing: () => void;
}

/** A save refused with 412: someone else changed the record since the form opened. Nothing the user typed is lost until they choose. */
export function StaleEditAlert({ message, onKeepEditing }: StaleEditAlertProps) {
  const reload = useContext(FormReloadContext);
  return (
    <div className="alert alert-warning" role="alert" data-testid="stale-edit">
      <p>{message}</p>
      <div className="stale-edit-actions">
        <Button size="sm" variant="primary" onClick={() => void (reload ? reload() : window.location.reload())}>
          Reload (discard my edits)
        </Button>
        <Button size="sm" variant="ghost" onClick={onKeepEditing}>
          Keep editing
        </Button>
      </div>
    </div>
  );
}
