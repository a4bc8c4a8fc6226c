import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button } from '../../../components/button';
import { DeleteResourceDialog } from '../../../components/delete-resource-dialog';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, Loading } from '../../../components/status';
import { seg } from '../../../lib/api-client';
import { DEFAULT_TENANT } from '../../../lib/paths';
import { rememberTenant } from '../../../lib/use-tenant';
import { useAccess } from '../../auth/api/use-access';
import { useTenantRecord, useTenantWrites, type TenantRecord } from '../api/tenant-writes';
import { TenantSettingsForm } from '../components/tenant-settings-form';

/**
 * The tenant's settings: rename (owners, admins, superadmins) and delete (owners, superadmins). The control plane
 * deletes only an empty tenant (409 naming what is left) and never the default one; the slug must be typed to confirm.
 */
export function TenantSettingsRoute() {
  const slug = useParams().tenant ?? '';
  const record = useTenantRecord(slug);
  const access = useAccess(slug);
  const { remove } = useTenantWrites();
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState<TenantRecord | null>(null);

  if (record.isPending) return <Loading label="Loading tenant…" />;
  if (!record.data) return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  const tenant = record.data;
  const canEdit = access.can('write-members');
  return (
    <section>
      <PageHeader title="Tenant settings" description={`${tenant.name} (${tenant.slug})`} />
      {canEdit ? (
        <TenantSettingsForm key={tenant.id} tenant={tenant} onSaved={(saved) => saved.slug !== slug && navigate(`/console/t/${seg(saved.slug)}/settings`, { replace: true })} />
      ) : (
        <p className="card">Only the tenant's owners and admins change its settings.</p>
      )}
      {access.can('delete-tenant') && tenant.slug !== DEFAULT_TENANT ? (
        <div className="card">
          <h2 className="section-title">Delete tenant</h2>
          <p>Only an empty tenant is deleted: remove its services, routes, upstreams, certificates, plugins and consumers first. Its members and tokens go with it.</p>
          <Button variant="danger" onClick={() => setDeleting(tenant)}>
            Delete tenant
          </Button>
        </div>
      ) : null}
      <DeleteResourceDialog<TenantRecord>
        noun="tenant"
        pending={deleting}
        nameOf={(t) => t.slug}
        remove={remove}
        onClose={() => setDeleting(null)}
        appliesToGateways={false}
        typeToConfirm={tenant.slug}
        onDone={() => {
          rememberTenant(DEFAULT_TENANT);
          navigate('/console', { replace: true });
        }}
      >
        is deleted with its members, tokens and settings. This cannot be undone.
      </DeleteResourceDialog>
    </section>
  );
}
