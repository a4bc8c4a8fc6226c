import { useId, useState, type ReactNode } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import { notifyWrite, writtenMessage } from '../lib/notify';
import { ConfirmDialog } from './confirm-dialog';

export interface DeleteResourceDialogProps<T> {
  /** One resource in words: "service". */
  noun: string;
  /** The row whose delete is being confirmed; null: closed. */
  pending: T | null;
  nameOf: (row: T) => string;
  /** Takes what `idOf` gives (the row's id unless said otherwise). */
  remove: UseMutationResult<unknown, Error, string>;
  /** Clears `pending` (the caller's state). */
  onClose: () => void;
  /** What deleting it does, said after its name. */
  children: ReactNode;
  /** false for deletes that are not gateway config (members, tokens): the toast does not wait for gateways. */
  appliesToGateways?: boolean;
  /** What the button says and the toast tells (default Delete / deleted): Remove / removed, Revoke / revoked. */
  verb?: { action: string; done: string };
  /** The dialog's title; default "<action> <noun>?". */
  title?: string;
  /** What the mutation is given for a row; default its `id`. */
  idOf?: (row: T) => string;
  /** A removal that cannot be undone: the confirm button waits until this text is typed (a tenant's slug). */
  typeToConfirm?: string;
  /** After the toast, e.g. leave a page that no longer exists. */
  onDone?: (row: T) => void;
}

const DELETE = { action: 'Delete', done: 'deleted' };
const idField = (row: unknown): string => (row as { id: string }).id;

/**
 * The console's one confirm-then-mutate dialog for removals (delete, remove, revoke): the dialog, the mutation's
 * error inside it, then a toast ("Service orders deleted", "Member alice removed").
 */
export function DeleteResourceDialog<T>(props: DeleteResourceDialogProps<T>) {
  const { noun, pending, nameOf, remove, onClose, children, appliesToGateways, verb = DELETE, title, idOf = idField, typeToConfirm, onDone } = props;
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const close = () => {
    onClose();
    setTyped('');
    remove.reset();
  };
  return (
    <ConfirmDialog
      open={pending !== null}
      title={title ?? `${verb.action} ${noun}?`}
      confirmLabel={verb.action}
      busy={remove.isPending}
      confirmDisabled={typeToConfirm !== undefined && typed !== typeToConfirm}
      error={remove.error?.message}
      onCancel={close}
      onConfirm={() =>
        pending &&
        remove.mutate(idOf(pending), {
          onSuccess: () => {
            notifyWrite(writtenMessage(noun, nameOf(pending), verb.done), appliesToGateways);
            close();
            onDone?.(pending);
          },
        })
      }
    >
      <p>
        <strong>{pending ? nameOf(pending) : ''}</strong> {children}
      </p>
      {typeToConfirm === undefined ? null : (
        <div className="field">
          <label htmlFor={inputId} className="field-label">
            Type <strong className="mono">{typeToConfirm}</strong> to confirm
          </label>
          <input id={inputId} className="input" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
        </div>
      )}
    </ConfirmDialog>
  );
}
