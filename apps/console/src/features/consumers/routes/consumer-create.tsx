import { CreateResourcePage } from '../../../components/resource-form-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCreateConsumer } from '../api/create-consumer';
import { useGroupNames } from '../api/get-consumer-groups';
import { ConsumerForm } from '../components/consumer-form';

export function ConsumerCreateRoute() {
  const tenant = useTenant();
  const create = useCreateConsumer(tenant);
  const groups = useGroupNames(tenant);
  return (
    <CreateResourcePage
      noun="consumer"
      listPath={consolePath(tenant, 'consumers')}
      save={create.mutateAsync}
      form={(binding) => <ConsumerForm tenant={tenant} groupNames={groups.data ?? []} groupsLoading={groups.isPending} {...binding} />}
    />
  );
}
