import { useState } from 'react';
import type { Credential } from '@aya/config-schema';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { TextField } from '../../../components/field';
import { useSetCredentialExpiry } from '../api/credentials';
import { credentialIdentifier, isoToLocal, localToIso } from './credential-form-values';

export interface CredentialExpiryDialogProps {
  tenant: string;
  consumerId: string;
  /** the key-auth credential being changed; null: closed */
  credential: Credential | null;
  onClose: () => void;
}

/** Sets or clears a key's expiry, e.g. the old key of a rotation once the new one is deployed. */
export function CredentialExpiryDialog({ tenant, consumerId, credential, onClose }: CredentialExpiryDialogProps) {
  const setExpiry = useSetCredentialExpiry(tenant, consumerId);
  const [local, setLocal] = useState<string | null>(null);
  const value = local ?? isoToLocal(credential?.expiresAt);
  const close = () => {
    setLocal(null);
    setExpiry.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={credential !== null}
      title="Change expiry"
      confirmLabel="Save expiry"
      confirmVariant="primary"
      busy={setExpiry.isPending}
      error={setExpiry.error?.message}
      onCancel={close}
      onConfirm={() => credential && setExpiry.mutate({ credential, expiresAt: localToIso(value) ?? null }, { onSuccess: close })}
    >
      <p>
        Key <strong>{credential ? credentialIdentifier(credential) : ''}</strong> is refused from then on.
      </p>
      <TextField label="Expires" name="expiresAt" type="datetime-local" value={value} onValueChange={setLocal} hint="Blank: never. Your local time." />
    </ConfirmDialog>
  );
}
