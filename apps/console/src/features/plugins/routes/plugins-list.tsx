import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { usePlugins } from '../api/get-plugins';
import { useScopeOptions } from '../api/get-scope-options';
import { atScope } from '../components/plugin-scope';
import { PluginsTable } from '../components/plugins-table';

export function PluginsListRoute() {
  const tenant = useTenant();
  const plugins = usePlugins(tenant);
  const options = useScopeOptions(tenant);
  const editPath = (p: { id: string }) => consolePath(tenant, 'plugins', p.id, 'edit');
  const add = (
    <Link to={consolePath(tenant, 'plugins', 'new')} className="btn btn-primary">
      Add plugin
    </Link>
  );
  const all = plugins.data ?? [];
  const global = atScope(all, {});
  const scoped = all.filter((p) => !global.includes(p));

  return (
    <section className="section-stack">
      <PageHeader title="Plugins" description="Authentication, limits and transformations. Global plugins apply to every route of the tenant." actions={add} />
      {plugins.isPending ? (
        <Loading label="Loading plugins…" />
      ) : plugins.isError ? (
        <ErrorState error={plugins.error} onRetry={() => void plugins.refetch()} />
      ) : (
        <>
          <h2 className="section-heading">Global</h2>
          {global.length === 0 ? (
            <EmptyState title="No global plugins yet">
              <p>A global plugin runs on every route of this tenant unless a more specific instance (service, route, consumer) of the same plugin replaces it.</p>
              {add}
            </EmptyState>
          ) : (
            <PluginsTable tenant={tenant} plugins={global} scopeOptions={options.data} editPath={editPath} />
          )}
          {scoped.length > 0 ? (
            <>
              <h2 className="section-heading">On services, routes and consumers</h2>
              <PluginsTable tenant={tenant} plugins={scoped} scopeOptions={options.data} editPath={editPath} />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
