import { PLUGIN_NAMES, type Plugin } from '@aya/config-schema';
import { ListFilter } from '../../../components/list-filter';
import { SearchableListPage } from '../../../components/searchable-list-page';
import { useListState } from '../../../lib/list-params';
import { consolePath } from '../../../lib/paths';
import { sortByOf } from '../../../lib/sort-by';
import { useTenant } from '../../../lib/use-tenant';
import { usePluginsPage } from '../api/get-plugins';
import { useScopeOptions } from '../api/get-scope-options';
import { PluginsTable } from '../components/plugins-table';

const FILTERS = ['name', 'scope'] as const;

/** `?scope=` of the API: a plugin on a route and a consumer is under both. */
const SCOPES = [
  { value: 'global', label: 'Global' },
  { value: 'service', label: 'On a service' },
  { value: 'route', label: 'On a route' },
  { value: 'consumer', label: 'On a consumer' },
];
const NAMES = [...PLUGIN_NAMES].sort().map((n) => ({ value: n, label: n }));

export function PluginsListRoute() {
  const tenant = useTenant();
  const list = useListState(FILTERS);
  const page = usePluginsPage(tenant, list.params, list.cursor);
  const options = useScopeOptions(tenant);
  return (
    <SearchableListPage<Plugin>
      title="Plugins"
      noun="plugin"
      description="Authentication, limits and transformations. Global plugins apply to every route of the tenant."
      newPath={consolePath(tenant, 'plugins', 'new')}
      emptyHint={<p>A global plugin runs on every route of this tenant unless a more specific instance (service, route, consumer) of the same plugin replaces it.</p>}
      searchHint="plugin name"
      list={list}
      page={page}
      nameOf={(p) => p.name}
      filters={
        <>
          <ListFilter label="Plugin" allLabel="All plugins" value={list.params.filters.name ?? ''} options={NAMES} onChange={(v) => list.setFilter('name', v)} />
          <ListFilter label="Applies to" allLabel="Any scope" value={list.params.filters.scope ?? ''} options={SCOPES} onChange={(v) => list.setFilter('scope', v)} />
        </>
      }
      table={(rows) => (
        <PluginsTable tenant={tenant} plugins={rows} scopeOptions={options.data} sortBy={sortByOf(list)} editPath={(p) => consolePath(tenant, 'plugins', p.id, 'edit')} />
      )}
    />
  );
}
