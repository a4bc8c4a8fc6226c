import type { ConsumerGroup } from '@aya/config-schema';
import type { Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import { ResourceListPage } from '../../../components/resource-list-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useConsumerGroups } from '../api/get-consumer-groups';
import { useDeleteConsumerGroup } from '../api/write-consumer-group';

const COLUMNS: ReadonlyArray<Column<ConsumerGroup>> = [
  { header: 'Description', cell: (g) => g.description ?? <span className="muted">—</span> },
  { header: 'Updated', className: 'muted', cell: (g) => <RelativeTime iso={g.updatedAt} /> },
];

export function ConsumerGroupsListRoute() {
  const tenant = useTenant();
  const groups = useConsumerGroups(tenant);
  const remove = useDeleteConsumerGroup(tenant);
  return (
    <ResourceListPage<ConsumerGroup>
      title="Consumer groups"
      noun="consumer group"
      description="Named sets of consumers: the acl plugin allows or denies by group, upstreams see them in X-Consumer-Groups."
      newPath={consolePath(tenant, 'consumer-groups', 'new')}
      emptyHint={<p>Create groups such as “partners” or “internal”, then put consumers in them.</p>}
      deleteWarning="will be removed. A group that consumers are still in may be refused."
      pages={groups}
      remove={remove}
      columns={COLUMNS}
      editPath={(g) => consolePath(tenant, 'consumer-groups', g.id, 'edit')}
    />
  );
}
