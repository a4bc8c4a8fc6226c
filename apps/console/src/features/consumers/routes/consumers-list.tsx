import type { Consumer } from '@aya/config-schema';
import { ResourceListShell } from '../../../components/resource-list-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteConsumer } from '../api/delete-consumer';
import { useConsumers } from '../api/get-consumers';
import { ConsumersTable } from '../components/consumers-table';

export function ConsumersListRoute() {
  const tenant = useTenant();
  const consumers = useConsumers(tenant);
  const remove = useDeleteConsumer(tenant);
  return (
    <ResourceListShell<Consumer>
      title="Consumers"
      noun="consumer"
      description="Who calls your APIs: apps, partners, users. Auth plugins recognise them by their credentials."
      newPath={consolePath(tenant, 'consumers', 'new')}
      emptyHint={<p>A consumer holds credentials (API keys, passwords, JWT issuers, client certificates) and can have its own plugins, such as a higher rate limit.</p>}
      deleteWarning="and its credentials and consumer plugins will be removed from every gateway."
      pages={consumers}
      remove={remove}
      nameOf={(c) => c.username}
      table={(rows, onDelete) => (
        <ConsumersTable rows={rows} onDelete={onDelete} viewPath={(c) => consolePath(tenant, 'consumers', c.id)} editPath={(c) => consolePath(tenant, 'consumers', c.id, 'edit')} />
      )}
    />
  );
}
