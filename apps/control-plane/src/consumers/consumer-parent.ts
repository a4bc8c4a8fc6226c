import type { ParentRef, ParentSpec } from '../resources/resource-definition';
import { findTenant } from '../tenants/tenant-lookup';
import { findConsumer } from './consumer-lookup';

/** A consumer's own rows (credentials): `/api/v1/tenants/{tenant}/consumers/{consumer}/<name>`. */
export interface ConsumerParent extends ParentRef {
  tenantId: string;
  consumerId: string;
  where: { consumerId: string };
}

export const IN_CONSUMER: ParentSpec<ConsumerParent> = {
  path: 'api/v1/tenants/:tenant/consumers/:consumer',
  params: ['tenant', 'consumer'],
  async resolve(db, params) {
    const tenant = await findTenant(db, params.tenant ?? '');
    const consumer = await findConsumer(db, tenant.id, params.consumer ?? '');
    return { tenantId: tenant.id, consumerId: consumer.id, where: { consumerId: consumer.id } };
  },
};
