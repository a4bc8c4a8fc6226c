import { consumerCreateSchema, consumerUpdateSchema, type Consumer } from '@aya/config-schema';
import { z } from 'zod';
import { IN_TENANT } from '../resources/parents';
import { TIMESTAMPS } from '../resources/response-fields';
import { defineResource } from '../resources/resource-definition';
import { CONSUMERS_SNAPSHOT } from './consumers.snapshot';
import { ConsumersStore } from './consumers.store';

const view: z.ZodType<Consumer> = z.object({ id: z.uuid(), username: z.string(), customId: z.string().nullable(), groups: z.array(z.string()), ...TIMESTAMPS });

/** `/api/v1/tenants/{tenant}/consumers`: who calls the APIs (by id or username), with group memberships. */
export const CONSUMERS = defineResource({
  name: 'consumers',
  kind: 'consumer',
  configKind: 'consumer',
  snapshot: CONSUMERS_SNAPSHOT,
  key: 'username',
  parent: IN_TENANT,
  permissions: { read: 'consumers:read', write: 'consumers:write' },
  schemas: { create: consumerCreateSchema, patch: consumerUpdateSchema },
  responses: { item: { name: 'Consumer', schema: view } },
  store: ConsumersStore,
  list: { table: 'consumers', search: { username: 'text', customId: 'text' }, searchDescription: 'the username or custom id', sort: { username: 'text', updatedAt: 'timestamptz' } },
});
