import { Link, useLocation } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCanWriteConfig } from '../../../lib/write-access';
import { usePlugins } from '../api/get-plugins';
import { useScopeOptions } from '../api/get-scope-options';
import type { PluginScope } from './plugin-form-values';
import { atScope, scopeSearch } from './plugin-scope';
import { PluginsTable } from './plugins-table';

export interface PluginsPanelProps {
  /** Exactly one of service / route / consumer: the page's resource (its id). */
  scope: PluginScope;
  /** "this route" */
  subject: string;
}

/** The plugins attached to one service, route or consumer, on that resource's page; adding one starts with that scope. */
export function PluginsPanel({ scope, subject }: PluginsPanelProps) {
  const tenant = useTenant();
  const here = useLocation().pathname;
  const plugins = usePlugins(tenant);
  const options = useScopeOptions(tenant);
  const canWrite = useCanWriteConfig();
  const rows = plugins.data ? atScope(plugins.data, scope) : [];
  const add = canWrite && (
    <Link to={`${consolePath(tenant, 'plugins', 'new')}${scopeSearch(scope, here)}`} className="btn btn-secondary btn-sm">
      Add plugin
    </Link>
  );
  return (
    <section className="panel" aria-labelledby="plugins-panel-title" data-testid="plugins-panel">
      <div className="panel-head">
        <h2 id="plugins-panel-title" className="panel-title">
          Plugins
        </h2>
        {add}
      </div>
      {plugins.isPending ? (
        <Loading label="Loading plugins…" />
      ) : plugins.isError ? (
        <ErrorState error={plugins.error} onRetry={() => void plugins.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={`No plugins on ${subject}`}>
          <p>
            Plugins set globally (or on a wider scope) still apply.
            {canWrite ? ` Add one here to override them, or for authentication, limits or transformations of ${subject} only.` : null}
          </p>
        </EmptyState>
      ) : (
        <PluginsTable tenant={tenant} plugins={rows} scopeOptions={options.data} editPath={(p) => `${consolePath(tenant, 'plugins', p.id, 'edit')}${scopeSearch({}, here)}`} />
      )}
    </section>
  );
}
