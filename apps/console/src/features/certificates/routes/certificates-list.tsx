import type { Certificate } from '@aya/config-schema';
import { Button } from '../../../components/button';
import { DataTable } from '../../../components/data-table';
import { ResourceListShell } from '../../../components/resource-list-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteCertificate } from '../api/delete-certificate';
import { useCertificates } from '../api/get-certificates';
import { CERTIFICATE_COLUMNS } from '../components/certificate-columns';

/** What a row is called: its first SNI, or its id when it serves none. */
const certName = (c: Certificate) => c.snis[0] ?? c.id;

/** Certificates have no name and no edit form (a new chain is a new certificate): the list shell with a delete-only table. */
export function CertificatesListRoute() {
  const tenant = useTenant();
  return (
    <ResourceListShell
      title="Certificates"
      noun="certificate"
      description="TLS certificates: served by SNI on the gateway's HTTPS listener, or presented to upstreams (mTLS)."
      newPath={consolePath(tenant, 'certificates', 'new')}
      emptyHint={<p>Upload a PEM certificate and its key; the key is stored encrypted and never shown again.</p>}
      deleteWarning="will be removed from every gateway; its hostnames stop being served over TLS with it, and services using it as a client certificate or CA must be changed first."
      pages={useCertificates(tenant)}
      remove={useDeleteCertificate(tenant)}
      nameOf={certName}
      table={(rows, onDelete) => (
        <DataTable
          label="Certificates"
          columns={CERTIFICATE_COLUMNS}
          rows={rows}
          rowKey={(c) => c.id}
          rowTestId={(c) => `certificate-row-${certName(c)}`}
          actions={(c) => (
            <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Delete certificate ${certName(c)}`} onClick={() => onDelete(c)}>
              Delete
            </Button>
          )}
        />
      )}
    />
  );
}
