import { tenantCreateSchema, tenantUpdateSchema, type Tenant } from '@aya/config-schema';
import { z } from 'zod';
import { ROOT } from '../resources/parents';
import { TIMESTAMPS } from '../resources/response-fields';
import { defineResource } from '../resources/resource-definition';
import { TenantsStore } from './tenants.store';

const view: z.ZodType<Tenant> = z.object({ id: z.uuid(), slug: z.string(), name: z.string(), ...TIMESTAMPS });

/** `/api/v1/tenants`: every other resource lives in one; its slug names it in paths and snapshot items. */
export const TENANTS = defineResource({
  name: 'tenants',
  kind: 'tenant',
  configKind: null,
  key: 'slug',
  parent: ROOT,
  idParam: 'tenant',
  permissions: { read: 'tenants:read', write: 'tenants:write' },
  schemas: { create: tenantCreateSchema, patch: tenantUpdateSchema },
  responses: { item: { name: 'Tenant', schema: view } },
  store: TenantsStore,
});
