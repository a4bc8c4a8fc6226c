import type { Certificate } from '@aya/config-schema';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { DataTable } from '../../../components/data-table';
import { SearchableListPage } from '../../../components/searchable-list-page';
import { useListState } from '../../../lib/list-params';
import { consolePath } from '../../../lib/paths';
import { sortByOf } from '../../../lib/sort-by';
import { useTenant } from '../../../lib/use-tenant';
import { useCanWriteConfig } from '../../../lib/write-access';
import { useDeleteCertificate } from '../api/delete-certificate';
import { useCertificatesPage } from '../api/get-certificates';
import { certificateColumns } from '../components/certificate-columns';
import { certName } from '../utils/cert-name';

const NO_FILTERS: readonly string[] = [];

/** Certificates have no name: a row is called by its first SNI and opens the detail page (Replace is there and here). */
export function CertificatesListRoute() {
  const tenant = useTenant();
  const list = useListState(NO_FILTERS);
  const sortBy = sortByOf(list);
  // a viewer opens a certificate from its SNIs; Replace and Delete would be refused
  const canWrite = useCanWriteConfig();
  return (
    <SearchableListPage<Certificate>
      title="Certificates"
      noun="certificate"
      description="TLS certificates: served by SNI on the gateway's HTTPS listener, or presented to upstreams (mTLS)."
      newPath={consolePath(tenant, 'certificates', 'new')}
      emptyHint={<p>Upload a PEM certificate and its key; the key is stored encrypted and never shown again.</p>}
      deleteWarning="will be removed from every gateway; its hostnames stop being served over TLS with it, and services using it as a client certificate or CA must be changed first."
      searchHint="SNI"
      list={list}
      page={useCertificatesPage(tenant, list.params, list.cursor)}
      remove={useDeleteCertificate(tenant)}
      nameOf={certName}
      table={(rows, onDelete) => (
        <DataTable
          label="Certificates"
          columns={certificateColumns((c) => consolePath(tenant, 'certificates', c.id), sortBy)}
          rows={rows}
          rowKey={(c) => c.id}
          rowTestId={(c) => `certificate-row-${certName(c)}`}
          actions={(c) => canWrite && (
            <>
              <Link to={consolePath(tenant, 'certificates', c.id, 'edit')} className="btn btn-ghost btn-sm" aria-label={`Replace certificate ${certName(c)}`}>
                Replace
              </Link>
              <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Delete certificate ${certName(c)}`} onClick={() => onDelete(c)}>
                Delete
              </Button>
            </>
          )}
        />
      )}
    />
  );
}
