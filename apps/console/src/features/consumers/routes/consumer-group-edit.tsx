import { useParams } from 'react-router';
import { EditResourcePage } from '../../../components/resource-form-page';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useConsumerGroup } from '../api/get-consumer-groups';
import { useUpdateConsumerGroup } from '../api/write-consumer-group';
import { ConsumerGroupForm } from '../components/consumer-group-form';

export function ConsumerGroupEditRoute() {
  const tenant = useTenant();
  const group = useConsumerGroup(tenant, useParams().groupId ?? '');
  const update = useUpdateConsumerGroup(tenant);
  return (
    <EditResourcePage
      noun="consumer group"
      listPath={consolePath(tenant, 'consumer-groups')}
      record={group}
      save={update.mutateAsync}
      form={(data, binding) => <ConsumerGroupForm group={data} {...binding} />}
    />
  );
}
