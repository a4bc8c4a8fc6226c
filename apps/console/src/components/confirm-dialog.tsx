import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './button';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel?: string;
  /** danger for a removal (default); primary for a change */
  confirmVariant?: 'danger' | 'primary';
  busy?: boolean;
  /** the confirm button waits for something (a typed name) */
  confirmDisabled?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal <dialog>: the browser provides focus trapping, Escape and the `dialog` role. */
export function ConfirmDialog({ open, title, children, confirmLabel = 'Delete', confirmVariant = 'danger', busy, confirmDisabled, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open ? (
        <div className="dialog-body">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <div className="dialog-message">{children}</div>
          {error ? (
            <div className="alert alert-error" role="alert" data-testid="dialog-error">
              {error}
            </div>
          ) : null}
          <div className="dialog-actions">
            <Button onClick={onCancel} disabled={busy}>
              Cancel
            </Button>
            <Button variant={confirmVariant} onClick={onConfirm} busy={busy} disabled={confirmDisabled}>
              {confirmLabel}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
