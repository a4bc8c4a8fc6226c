import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCertificate } from '../api/get-certificate';
import { useReplaceCertificate } from '../api/update-certificate';
import { CertificateForm } from '../components/certificate-form';
import { certName } from '../utils/cert-name';

/** Replace a certificate's chain (renewal), key or SNIs in place: services keep pointing at the same id. */
export function CertificateEditRoute() {
  const tenant = useTenant();
  const id = useParams().certificateId ?? '';
  const record = useCertificate(tenant, id);
  const replace = useReplaceCertificate(tenant, id);
  const navigate = useNavigate();
  const detailPath = consolePath(tenant, 'certificates', id);
  if (record.isPending) return <Loading label="Loading certificate…" />;
  if (!record.data) return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  const cert = record.data;
  return (
    <section>
      <PageHeader title={`Replace certificate ${certName(cert)}`} description="Paste or upload the new chain; the key is kept unless you give a new one." />
      <CertificateForm
        current={{ snis: cert.snis, cert: cert.cert, hasKey: cert.hasKey }}
        submitLabel="Replace certificate"
        cancelTo={detailPath}
        onSubmit={async (input) => {
          await replace.mutateAsync(input);
          navigate(detailPath);
        }}
      />
    </section>
  );
}
