import type { Service } from '@aya/config-schema';
import { ResourceTable } from '../../../components/resource-table';
import { SearchableListPage } from '../../../components/searchable-list-page';
import { useListState } from '../../../lib/list-params';
import { consolePath } from '../../../lib/paths';
import { sortByOf } from '../../../lib/sort-by';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteService } from '../api/delete-service';
import { useServicesPage } from '../api/get-services';
import { serviceColumns } from '../components/service-columns';

const NO_FILTERS: readonly string[] = [];

export function ServicesListRoute() {
  const tenant = useTenant();
  const list = useListState(NO_FILTERS);
  const page = useServicesPage(tenant, list.params, list.cursor);
  const remove = useDeleteService(tenant);
  const sortBy = sortByOf(list);
  return (
    <SearchableListPage<Service>
      title="Services"
      noun="service"
      description="Upstream APIs the gateway forwards to."
      newPath={consolePath(tenant, 'services', 'new')}
      emptyHint={<p>A service is where traffic goes: a URL or an upstream. Routes then expose it on the gateway.</p>}
      deleteWarning="will be removed from every gateway. A service still used by a route cannot be deleted."
      searchHint="name or URL"
      list={list}
      page={page}
      remove={remove}
      nameOf={(s) => s.name}
      table={(rows, onDelete) => (
        <ResourceTable
          label="Services"
          noun="service"
          rows={rows}
          nameHeader={sortBy('Name', 'name')}
          columns={serviceColumns(sortBy)}
          editPath={(s) => consolePath(tenant, 'services', s.id, 'edit')}
          onDelete={onDelete}
        />
      )}
    />
  );
}
