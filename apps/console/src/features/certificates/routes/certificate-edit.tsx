import { Navigate, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ReloadableForm } from '../../../components/stale-edit-alert';
import { ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useOpenedRecord } from '../../../lib/use-opened-record';
import { useTenant } from '../../../lib/use-tenant';
import { useCanWriteConfig } from '../../../lib/write-access';
import { useCertificate } from '../api/get-certificate';
import { useReplaceCertificate } from '../api/update-certificate';
import { CertificateForm } from '../components/certificate-form';
import { certName } from '../utils/cert-name';

/** Replace a certificate's chain (renewal), key or SNIs in place: services keep pointing at the same id. */
export function CertificateEditRoute() {
  const tenant = useTenant();
  const id = useParams().certificateId ?? '';
  const query = useCertificate(tenant, id);
  // the replace is conditional on the certificate as the form opened it (If-Match), not on a later refetch
  const opened = useOpenedRecord(query);
  const replace = useReplaceCertificate(tenant, id);
  const navigate = useNavigate();
  const canWrite = useCanWriteConfig();
  const detailPath = consolePath(tenant, 'certificates', id);
  // a viewer has nothing to replace: the detail page shows them everything there is
  if (!canWrite) return <Navigate to={detailPath} replace />;
  const cert = opened.record;
  if (cert === undefined) return query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : <Loading label="Loading certificate…" />;
  return (
    <section>
      <PageHeader title={`Replace certificate ${certName(cert)}`} description="Paste or upload the new chain; the key is kept unless you give a new one." />
      <ReloadableForm opened={opened}>
        <CertificateForm
          current={{ snis: cert.snis, cert: cert.cert, hasKey: cert.hasKey }}
          submitLabel="Replace certificate"
          cancelTo={detailPath}
          onSubmit={async (input) => {
            await replace.mutateAsync({ input, record: cert });
            navigate(detailPath);
          }}
        />
      </ReloadableForm>
    </section>
  );
}
