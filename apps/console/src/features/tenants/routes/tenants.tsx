import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table';
import { PagedList } from '../../../components/paged-list';
import { PageHeader } from '../../../components/page-header';
import { RelativeTime } from '../../../components/relative-time';
import { EmptyState } from '../../../components/status';
import { seg } from '../../../lib/api-client';
import { useListState } from '../../../lib/list-params';
import { useMe } from '../../auth/api/get-me';
import { accessIn } from '../../auth/api/use-access';
import { useTenantsPage, type TenantRecord } from '../api/tenant-writes';
import { NewTenantForm } from '../components/new-tenant-form';

const NO_FILTERS: readonly string[] = [];

/** The caller's tenants (every tenant for a superadmin) with their role in each; superadmins create tenants here. */
export function TenantsRoute() {
  const list = useListState(NO_FILTERS);
  const page = useTenantsPage(list.cursor);
  const me = useMe().data;
  const superadmin = me?.user.superadmin ?? false;
  const roleOf = (t: TenantRecord) => me?.memberships.find((m) => m.tenant.id === t.id)?.role ?? (superadmin ? 'superadmin' : '—');
  const mayManage = (t: TenantRecord) => accessIn(me, t.slug).can('write-members');

  return (
    <section>
      <PageHeader title="Tenants" description="Workspaces: each has its own config, members and tokens, isolated from the others." />
      {superadmin ? <NewTenantForm /> : null}
      <PagedList<TenantRecord>
        plural="tenants"
        list={list}
        page={page}
        empty={<EmptyState title="No tenants" />}
        table={(rows) => (
          <DataTable
            label="Tenants"
            rows={rows}
            rowKey={(t) => t.id}
            rowTestId={(t) => `tenant-row-${t.slug}`}
            columns={[
              { header: 'Name', cell: (t) => <Link to={`/console/t/${seg(t.slug)}`}>{t.name}</Link> },
              { header: 'Slug', className: 'mono', cell: (t) => t.slug },
              { header: 'Your role', cell: (t) => roleOf(t) },
              { header: 'Created', className: 'muted', cell: (t) => <RelativeTime iso={t.createdAt} /> },
            ]}
            actions={(t) =>
              mayManage(t) ? (
                <>
                  <Link to={`/console/t/${seg(t.slug)}/members`} className="btn btn-ghost btn-sm" aria-label={`Members of ${t.slug}`}>
                    Members
                  </Link>
                  <Link to={`/console/t/${seg(t.slug)}/settings`} className="btn btn-ghost btn-sm" aria-label={`Settings of ${t.slug}`}>
                    Settings
                  </Link>
                </>
              ) : null
            }
          />
        )}
      />
    </section>
  );
}
