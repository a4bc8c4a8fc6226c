import type { Service } from '@aya/config-schema';
import { ResourceListPage } from '../../../components/resource-list-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useDeleteService } from '../api/delete-service';
import { useServices } from '../api/get-services';
import { SERVICE_COLUMNS } from '../components/service-columns';

export function ServicesListRoute() {
  const tenant = useTenant();
  const services = useServices(tenant);
  const remove = useDeleteService(tenant);
  return (
    <ResourceListPage<Service>
      title="Services"
      noun="service"
      description="Upstream APIs the gateway forwards to."
      newPath={consolePath(tenant, 'services', 'new')}
      emptyHint={<p>A service is where traffic goes: a URL or an upstream. Routes then expose it on the gateway.</p>}
      deleteWarning="will be removed from every gateway. A service still used by a route cannot be deleted."
      pages={services}
      remove={remove}
      columns={SERVICE_COLUMNS}
      editPath={(s) => consolePath(tenant, 'services', s.id, 'edit')}
    />
  );
}
