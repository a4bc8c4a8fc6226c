import type { Route } from '@aya/config-schema';
import { ListFilter } from '../../../components/list-filter';
import { ResourceTable } from '../../../components/resource-table';
import { SearchableListPage } from '../../../components/searchable-list-page';
import { useListState } from '../../../lib/list-params';
import { consolePath } from '../../../lib/paths';
import { sortByOf } from '../../../lib/sort-by';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteRoute } from '../api/delete-route';
import { useServiceOptions } from '../api/get-service-options';
import { useRoutesPage } from '../api/get-routes';
import { routeColumns } from '../components/route-columns';

const FILTERS = ['service'] as const;

export function RoutesListRoute() {
  const tenant = useTenant();
  const list = useListState(FILTERS);
  const page = useRoutesPage(tenant, list.params, list.cursor);
  const remove = useDeleteRoute(tenant);
  const services = useServiceOptions(tenant);
  const sortBy = sortByOf(list);
  return (
    <SearchableListPage<Route>
      title="Routes"
      noun="route"
      description="Which requests the gateway accepts, and the service each one goes to."
      newPath={consolePath(tenant, 'routes', 'new')}
      emptyHint={<p>A route matches paths, methods and hosts, and sends the request to a service.</p>}
      deleteWarning="stops matching on every gateway as soon as the change propagates."
      searchHint="name, path or host"
      list={list}
      page={page}
      remove={remove}
      nameOf={(r) => r.name}
      filters={
        <ListFilter
          label="Service"
          allLabel="All services"
          value={list.params.filters.service ?? ''}
          options={(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          onChange={(v) => list.setFilter('service', v)}
        />
      }
      table={(rows, onDelete) => (
        <ResourceTable
          label="Routes"
          noun="route"
          rows={rows}
          nameHeader={sortBy('Name', 'name')}
          columns={routeColumns(sortBy)}
          editPath={(r) => consolePath(tenant, 'routes', r.id, 'edit')}
          onDelete={onDelete}
        />
      )}
    />
  );
}
