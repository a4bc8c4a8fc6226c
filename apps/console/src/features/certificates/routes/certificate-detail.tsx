import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { PageHeader } from '../../../components/page-header';
import { RelativeTime } from '../../../components/relative-time';
import { ErrorState, Loading } from '../../../components/status';
import { ReadOnlyNotice } from '../../../components/read-only-notice';
import { consolePath } from '../../../lib/paths';
import { useTenantDeleteShown } from '../../../lib/tenant-resource';
import { useTenant } from '../../../lib/use-tenant';
import { useCanWriteConfig } from '../../../lib/write-access';
import { useCertificate } from '../api/get-certificate';
import { certName } from '../utils/cert-name';
import { certificateInfo, expiryTone } from '../utils/pem-info';

/** One certificate: what it is, where it is served, its chain; Replace and Delete (not for a viewer). */
export function CertificateDetailRoute() {
  const tenant = useTenant();
  const id = useParams().certificateId ?? '';
  const record = useCertificate(tenant, id);
  // the delete is conditional on the certificate as shown (If-Match)
  const remove = useTenantDeleteShown(tenant, '/api/v1/tenants/{tenant}/certificates/{id}');
  const canWrite = useCanWriteConfig();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  if (record.isPending) return <Loading label="Loading certificate…" />;
  if (!record.data) return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  const cert = record.data;
  const info = certificateInfo(cert.cert);
  const actions = canWrite && (
    <>
      <Link to={consolePath(tenant, 'certificates', id, 'edit')} className="btn btn-primary">
        Replace
      </Link>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Delete
      </Button>
    </>
  );
  return (
    <section>
      <PageHeader title={`Certificate ${certName(cert)}`} description={<code className="mono">{cert.id}</code>} actions={actions} />
      {canWrite ? null : <ReadOnlyNotice />}
      <dl className="detail-list" data-testid="certificate-detail">
        <dt>Subject</dt>
        <dd className="mono">{info?.commonName ?? '—'}</dd>
        <dt>Valid</dt>
        <dd>
          {info ? (
            <>
              {info.notBefore.toISOString().slice(0, 10)} to{' '}
              <Badge tone={expiryTone(info.notAfter, Date.now())}>{info.notAfter.toISOString().slice(0, 10)}</Badge>
            </>
          ) : (
            <span className="muted">unreadable</span>
          )}
        </dd>
        <dt>SNIs</dt>
        <dd>{cert.snis.length === 0 ? <span className="muted">none: used by id only (client certificate, CA)</span> : cert.snis.join(', ')}</dd>
        <dt>Private key</dt>
        <dd>{cert.hasKey ? <Badge tone="info">stored encrypted</Badge> : <span className="muted">none (CA bundle)</span>}</dd>
        <dt>Updated</dt>
        <dd>
          <RelativeTime iso={cert.updatedAt} />
        </dd>
      </dl>
      <h2 className="section-title">Chain (PEM)</h2>
      <pre className="pem-block" data-testid="certificate-pem">
        {cert.cert}
      </pre>
      <ConfirmDialog
        open={confirming}
        title="Delete certificate?"
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={() => setConfirming(false)}
        onConfirm={() => remove.mutate(cert, { onSuccess: () => navigate(consolePath(tenant, 'certificates')) })}
      >
        <p>
          <strong>{certName(cert)}</strong> will be removed from every gateway.
        </p>
      </ConfirmDialog>
    </section>
  );
}
