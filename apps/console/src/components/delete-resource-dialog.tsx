import type { ReactNode } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import { notifyWrite, writtenMessage } from '../lib/notify';
import { ConfirmDialog } from './confirm-dialog';

export interface DeleteResourceDialogProps<T extends { id: string }> {
  /** One resource in words: "service". */
  noun: string;
  /** The row whose delete is being confirmed; null: closed. */
  pending: T | null;
  nameOf: (row: T) => string;
  /** Takes the id to delete. */
  remove: UseMutationResult<unknown, Error, string>;
  /** Clears `pending` (the caller's state). */
  onClose: () => void;
  /** What deleting it does, said after its name. */
  children: ReactNode;
  /** false for deletes that are not gateway config (members, tokens): the toast does not wait for gateways. */
  appliesToGateways?: boolean;
}

/** A list's confirmed delete: the dialog, the mutation's error inside it, then a toast ("Service orders deleted"). */
export function DeleteResourceDialog<T extends { id: string }>({ noun, pending, nameOf, remove, onClose, children, appliesToGateways }: DeleteResourceDialogProps<T>) {
  const close = () => {
    onClose();
    remove.reset();
  };
  return (
    <ConfirmDialog
      open={pending !== null}
      title={`Delete ${noun}?`}
      busy={remove.isPending}
      error={remove.error?.message}
      onCancel={close}
      onConfirm={() =>
        pending &&
        remove.mutate(pending.id, {
          onSuccess: () => {
            notifyWrite(writtenMessage(noun, nameOf(pending), 'deleted'), appliesToGateways);
            close();
          },
        })
      }
    >
      <p>
        <strong>{pending ? nameOf(pending) : ''}</strong> {children}
      </p>
    </ConfirmDialog>
  );
}
