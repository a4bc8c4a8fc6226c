import { CreateResourcePage } from '../../../components/resource-form-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCreateConsumerGroup } from '../api/write-consumer-group';
import { ConsumerGroupForm } from '../components/consumer-group-form';

export function ConsumerGroupCreateRoute() {
  const tenant = useTenant();
  const create = useCreateConsumerGroup(tenant);
  return <CreateResourcePage noun="consumer group" listPath={consolePath(tenant, 'consumer-groups')} save={create.mutateAsync} form={(binding) => <ConsumerGroupForm {...binding} />} />;
}
