import type { Upstream } from '@aya/config-schema';
import { ResourceTable } from '../../../components/resource-table';
import { SearchableListPage } from '../../../components/searchable-list-page';
import { useListState } from '../../../lib/list-params';
import { consolePath } from '../../../lib/paths';
import { sortByOf } from '../../../lib/sort-by';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteUpstream } from '../api/delete-upstream';
import { useUpstreamsHealth } from '../api/get-upstream-health';
import { useUpstreamsPage } from '../api/get-upstreams';
import { upstreamColumns } from '../components/upstream-columns';

const NO_FILTERS: readonly string[] = [];

export function UpstreamsListRoute() {
  const tenant = useTenant();
  const list = useListState(NO_FILTERS);
  const page = useUpstreamsPage(tenant, list.params, list.cursor);
  const remove = useDeleteUpstream(tenant);
  const sortBy = sortByOf(list);
  const health = useUpstreamsHealth(tenant, (page.data?.data ?? []).map((u) => u.id));
  return (
    <SearchableListPage<Upstream>
      title="Upstreams"
      noun="upstream"
      description="Pools of targets with a load-balancing algorithm."
      newPath={consolePath(tenant, 'upstreams', 'new')}
      emptyHint={
        <p>
          An upstream is a pool of targets the gateway balances across. Point a service at it with <code>upstream://&lt;name&gt;</code>.
        </p>
      }
      deleteWarning="will be removed from every gateway. An upstream still used by a service cannot be deleted."
      searchHint="name or target"
      list={list}
      page={page}
      remove={remove}
      nameOf={(u) => u.name}
      table={(rows, onDelete) => (
        <ResourceTable
          label="Upstreams"
          noun="upstream"
          rows={rows}
          nameHeader={sortBy('Name', 'name')}
          columns={upstreamColumns(sortBy, { byId: health.data, failed: health.isError })}
          editPath={(u) => consolePath(tenant, 'upstreams', u.id, 'edit')}
          viewPath={(u) => consolePath(tenant, 'upstreams', u.id)}
          onDelete={onDelete}
        />
      )}
    />
  );
}
