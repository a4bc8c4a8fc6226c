import type { Upstream } from '@aya/config-schema';
import { ResourceListPage } from '../../../components/resource-list-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteUpstream } from '../api/delete-upstream';
import { useUpstreams } from '../api/get-upstreams';
import { UPSTREAM_COLUMNS } from '../components/upstream-columns';

export function UpstreamsListRoute() {
  const tenant = useTenant();
  const upstreams = useUpstreams(tenant);
  const remove = useDeleteUpstream(tenant);
  return (
    <ResourceListPage<Upstream>
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
      pages={upstreams}
      remove={remove}
      columns={UPSTREAM_COLUMNS}
      editPath={(u) => consolePath(tenant, 'upstreams', u.id, 'edit')}
      viewPath={(u) => consolePath(tenant, 'upstreams', u.id)}
    />
  );
}
