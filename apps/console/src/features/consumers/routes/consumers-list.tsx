import type { Consumer } from '@aya/config-schema';
import { SearchableListPage } from '../../../components/searchable-list-page';
import { useListState } from '../../../lib/list-params';
import { consolePath } from '../../../lib/paths';
import { sortByOf } from '../../../lib/sort-by';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteConsumer } from '../api/delete-consumer';
import { useConsumersPage } from '../api/get-consumers';
import { ConsumersTable } from '../components/consumers-table';

const NO_FILTERS: readonly string[] = [];

export function ConsumersListRoute() {
  const tenant = useTenant();
  const list = useListState(NO_FILTERS);
  const page = useConsumersPage(tenant, list.params, list.cursor);
  const remove = useDeleteConsumer(tenant);
  return (
    <SearchableListPage<Consumer>
      title="Consumers"
      noun="consumer"
      description="Who calls your APIs: apps, partners, users. Auth plugins recognise them by their credentials."
      newPath={consolePath(tenant, 'consumers', 'new')}
      emptyHint={<p>A consumer holds credentials (API keys, passwords, JWT issuers, client certificates) and can have its own plugins, such as a higher rate limit.</p>}
      deleteWarning="and its credentials and consumer plugins will be removed from every gateway."
      searchHint="username or custom ID"
      list={list}
      page={page}
      remove={remove}
      nameOf={(c) => c.username}
      table={(rows, onDelete) => (
        <ConsumersTable
          rows={rows}
          sortBy={sortByOf(list)}
          onDelete={onDelete}
          viewPath={(c) => consolePath(tenant, 'consumers', c.id)}
          editPath={(c) => consolePath(tenant, 'consumers', c.id, 'edit')}
        />
      )}
    />
  );
}
