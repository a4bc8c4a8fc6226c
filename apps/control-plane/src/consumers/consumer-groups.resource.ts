import { consumerGroupCreateSchema, consumerGroupUpdateSchema, type ConsumerGroup } from '@aya/config-schema';
import { z } from 'zod';
import { IN_TENANT } from '../resources/parents';
import { TIMESTAMPS } from '../resources/response-fields';
import { defineResource } from '../resources/resource-definition';
import { ConsumerGroupsStore } from './consumer-groups.store';

const view: z.ZodType<ConsumerGroup> = z.object({ id: z.uuid(), name: z.string(), description: z.string().nullable(), ...TIMESTAMPS });

/** `/api/v1/tenants/{tenant}/consumer-groups`: groups ACLs name; gateways see them as names on consumers (no item). */
export const CONSUMER_GROUPS = defineResource({
  name: 'consumer-groups',
  kind: 'consumer-group',
  configKind: null,
  key: 'name',
  parent: IN_TENANT,
  // groups use the consumers permissions
  permissions: { read: 'consumers:read', write: 'consumers:write' },
  schemas: { create: consumerGroupCreateSchema, patch: consumerGroupUpdateSchema },
  responses: { item: { name: 'ConsumerGroup', schema: view } },
  store: ConsumerGroupsStore,
  list: { table: 'consumer_groups', search: { name: 'text', description: 'text' }, searchDescription: 'the name or description', sort: { name: 'text', updatedAt: 'timestamptz' } },
});
