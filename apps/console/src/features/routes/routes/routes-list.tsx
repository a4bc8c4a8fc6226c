import type { Route } from '@aya/config-schema';
import { ResourceListPage } from '../../../components/resource-list-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteRoute } from '../api/delete-route';
import { useRoutes } from '../api/get-routes';
import { ROUTE_COLUMNS } from '../components/route-columns';

export function RoutesListRoute() {
  const tenant = useTenant();
  const routes = useRoutes(tenant);
  const remove = useDeleteRoute(tenant);
  return (
    <ResourceListPage<Route>
      title="Routes"
      noun="route"
      description="Which requests the gateway accepts, and the service each one goes to."
      newPath={consolePath(tenant, 'routes', 'new')}
      emptyHint={<p>A route matches paths, methods and hosts, and sends the request to a service.</p>}
      deleteWarning="stops matching on every gateway as soon as the change propagates."
      pages={routes}
      remove={remove}
      columns={ROUTE_COLUMNS}
      editPath={(r) => consolePath(tenant, 'routes', r.id, 'edit')}
    />
  );
}
