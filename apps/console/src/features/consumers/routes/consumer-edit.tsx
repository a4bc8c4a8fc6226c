import { useParams } from 'react-router';
import { EditResourcePage } from '../../../components/resource-form-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useNamedConsumer } from '../api/get-consumer';
import { useGroupNames } from '../api/get-consumer-groups';
import { useUpdateConsumer } from '../api/update-consumer';
import { ConsumerForm } from '../components/consumer-form';

export function ConsumerEditRoute() {
  const tenant = useTenant();
  const consumer = useNamedConsumer(tenant, useParams().consumerId ?? '');
  const update = useUpdateConsumer(tenant);
  const groups = useGroupNames(tenant);
  return (
    <EditResourcePage
      noun="consumer"
      listPath={consolePath(tenant, 'consumers')}
      record={consumer}
      save={update.mutateAsync}
      form={(data, binding) => <ConsumerForm tenant={tenant} consumer={data} groupNames={groups.data ?? []} groupsLoading={groups.isPending} {...binding} />}
    />
  );
}
