import type { ConsumerGroup } from '@aya/config-schema';
import type { Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import { ResourceTable } from '../../../components/resource-table';
import { SearchableListPage } from '../../../components/searchable-list-page';
import { useListState } from '../../../lib/list-params';
import { consolePath } from '../../../lib/paths';
import { sortByOf, type SortBy } from '../../../lib/sort-by';
import { useTenant } from '../../../lib/use-tenant';
import { useConsumerGroupsPage } from '../api/get-consumer-groups';
import { useDeleteConsumerGroup } from '../api/write-consumer-group';

const NO_FILTERS: readonly string[] = [];

const columns = (sortBy: SortBy): ReadonlyArray<Column<ConsumerGroup>> => [
  { header: 'Description', cell: (g) => g.description ?? <span className="muted">—</span> },
  { header: sortBy('Updated', 'updatedAt'), className: 'muted', cell: (g) => <RelativeTime iso={g.updatedAt} /> },
];

export function ConsumerGroupsListRoute() {
  const tenant = useTenant();
  const list = useListState(NO_FILTERS);
  const page = useConsumerGroupsPage(tenant, list.params, list.cursor);
  const remove = useDeleteConsumerGroup(tenant);
  const sortBy = sortByOf(list);
  return (
    <SearchableListPage<ConsumerGroup>
      title="Consumer groups"
      noun="consumer group"
      description="Named sets of consumers: the acl plugin allows or denies by group, upstreams see them in X-Consumer-Groups."
      newPath={consolePath(tenant, 'consumer-groups', 'new')}
      emptyHint={<p>Create groups such as “partners” or “internal”, then put consumers in them.</p>}
      deleteWarning="will be removed. A group that consumers are still in may be refused."
      searchHint="name or description"
      list={list}
      page={page}
      remove={remove}
      nameOf={(g) => g.name}
      table={(rows, onDelete) => (
        <ResourceTable
          label="Consumer groups"
          noun="consumer group"
          rows={rows}
          nameHeader={sortBy('Name', 'name')}
          columns={columns(sortBy)}
          editPath={(g) => consolePath(tenant, 'consumer-groups', g.id, 'edit')}
          onDelete={onDelete}
        />
      )}
    />
  );
}
