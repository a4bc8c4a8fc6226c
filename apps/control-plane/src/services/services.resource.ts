import { serviceCreateSchema, serviceUpdateSchema, type Service } from '@aya/config-schema';
import { z } from 'zod';
import { patchSchema } from '../common/patch-schema';
import { IN_TENANT } from '../resources/parents';
import { TIMESTAMPS } from '../resources/response-fields';
import { defineResource } from '../resources/resource-definition';
import { SERVICE_CORE_KEYS } from './service-mapper';
import { SERVICES_SNAPSHOT } from './services.snapshot';
import { ServicesStore } from './services.store';

// optional contract fields are returned as given (absent when not set)
const view: z.ZodType<Service> = serviceCreateSchema.omit({ name: true, url: true, connectTimeoutMs: true, readTimeoutMs: true, retries: true }).extend({
  id: z.uuid(),
  name: z.string(),
  url: z.string(),
  connectTimeoutMs: z.int(),
  readTimeoutMs: z.int(),
  retries: z.int(),
  ...TIMESTAMPS,
});

/** `/api/v1/tenants/{tenant}/services`: where a route sends traffic (a url, or `upstream://<name>`). */
export const SERVICES = defineResource({
  name: 'services',
  kind: 'service',
  configKind: 'service',
  snapshot: SERVICES_SNAPSHOT,
  key: 'name',
  parent: IN_TENANT,
  permissions: { read: 'services:read', write: 'services:write' },
  // PATCH: option fields may also be null (clears them back to the default)
  schemas: { create: serviceCreateSchema, patch: patchSchema(serviceUpdateSchema, SERVICE_CORE_KEYS, 'ServiceUpdate') },
  responses: { item: { name: 'Service', schema: view } },
  store: ServicesStore,
  list: { table: 'services', search: { name: 'text', url: 'text' }, searchDescription: 'the name or URL', sort: { name: 'text', url: 'text', updatedAt: 'timestamptz' }, filters: { upstream: 'upstreamId' } },
});
