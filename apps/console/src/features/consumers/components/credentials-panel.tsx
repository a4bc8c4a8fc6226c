import { useState } from 'react';
import type { Credential } from '@aya/config-schema';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable, type Column } from '../../../components/data-table';
import { RelativeTime, formatRelative } from '../../../components/relative-time';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { useCreateCredential, useCredentials, useRevokeCredential } from '../api/credentials';
import { CredentialExpiryDialog } from './credential-expiry-dialog';
import { CredentialForm } from './credential-form';
import { credentialIdentifier, revealedSecret } from './credential-form-values';
import { SecretNotice } from './secret-notice';
import { notifyConfigWrite } from '../../../lib/notify';
import { useCanWriteConfig } from '../../../lib/write-access';

function Expiry({ c }: { c: Credential }) {
  if (c.type !== 'key-auth') return <span className="muted">—</span>;
  if (!c.expiresAt) return <span className="muted">never</span>;
  const expired = Date.parse(c.expiresAt) <= Date.now();
  // A date, not "in 26,327 days": expiries are planned on calendars.
  return (
    <>
      {expired ? <Badge tone="danger">expired</Badge> : null}{' '}
      <time dateTime={c.expiresAt} title={formatRelative(c.expiresAt)}>
        {new Date(c.expiresAt).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })}
      </time>
    </>
  );
}

const COLUMNS: ReadonlyArray<Column<Credential>> = [
  { header: 'Type', cell: (c) => <Badge tone="info">{c.type}</Badge> },
  { header: 'Identifier', cell: (c) => <code className="mono">{credentialIdentifier(c)}</code> },
  { header: 'Expires', cell: (c) => <Expiry c={c} /> },
  { header: 'Created', className: 'muted', cell: (c) => <RelativeTime iso={c.createdAt} /> },
];

/** A consumer's credentials: add one (its generated secret shown once), list them without secrets, revoke one (a viewer: the list only). */
export function CredentialsPanel({ tenant, consumerId }: { tenant: string; consumerId: string }) {
  const credentials = useCredentials(tenant, consumerId);
  const create = useCreateCredential(tenant, consumerId);
  const revoke = useRevokeCredential(tenant, consumerId);
  const canWrite = useCanWriteConfig();
  const [expiring, setExpiring] = useState<Credential | null>(null);
  const [adding, setAdding] = useState(false);
  const [revealed, setRevealed] = useState<{ label: string; value: string } | null>(null);
  const [pending, setPending] = useState<Credential | null>(null);
  const close = () => {
    setPending(null);
    revoke.reset();
  };
  const rows = credentials.data ?? [];

  return (
    <section className="panel" aria-labelledby="credentials-title" data-testid="credentials-panel">
      <div className="panel-head">
        <h2 id="credentials-title" className="panel-title">
          Credentials
        </h2>
        {adding || !canWrite ? null : (
          <Button size="sm" onClick={() => setAdding(true)}>
            Add credential
          </Button>
        )}
      </div>
      {revealed ? <SecretNotice {...revealed} onDone={() => setRevealed(null)} /> : null}
      {adding ? (
        <CredentialForm
          onCancel={() => setAdding(false)}
          onSubmit={async (input) => {
            const created = await create.mutateAsync(input);
            notifyConfigWrite('Credential created');
            setRevealed(revealedSecret(created));
            setAdding(false);
          }}
        />
      ) : null}
      {credentials.isPending ? (
        <Loading label="Loading credentials…" />
      ) : credentials.isError ? (
        <ErrorState error={credentials.error} onRetry={() => void credentials.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No credentials yet">
          <p>{canWrite ? 'Add an API key, a password, a JWT issuer or a client certificate so an auth plugin can recognise this consumer.' : 'An auth plugin cannot recognise this consumer yet.'}</p>
        </EmptyState>
      ) : (
        <DataTable
          label="Credentials"
          columns={COLUMNS}
          rows={rows}
          rowKey={(c) => c.id}
          rowTestId={(c) => `credential-row-${c.id}`}
          actions={
            canWrite
              ? (c) => (
                  <>
                    {c.type === 'key-auth' ? (
                      <Button size="sm" variant="ghost" aria-label={`Change expiry of ${credentialIdentifier(c)}`} onClick={() => setExpiring(c)}>
                        Expiry
                      </Button>
                    ) : null}
                    <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Revoke credential ${credentialIdentifier(c)}`} onClick={() => setPending(c)}>
                      Revoke
                    </Button>
                  </>
                )
              : undefined
          }
        />
      )}
      <CredentialExpiryDialog tenant={tenant} consumerId={consumerId} credential={expiring} onClose={() => setExpiring(null)} />
      <ConfirmDialog
        open={pending !== null}
        title="Revoke credential?"
        confirmLabel="Revoke"
        busy={revoke.isPending}
        error={revoke.error?.message}
        onCancel={close}
        onConfirm={() =>
          pending &&
          revoke.mutate(pending, {
            onSuccess: () => {
              notifyConfigWrite('Credential revoked');
              close();
            },
          })
        }
      >
        <p>
          <strong>{pending ? `${pending.type} ${credentialIdentifier(pending)}` : ''}</strong> stops working on every gateway. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
