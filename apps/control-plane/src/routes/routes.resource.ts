import { HTTP_METHODS, routeCreateSchema, routeUpdateSchema, type Route } from '@aya/config-schema';
import { z } from 'zod';
import { patchSchema } from '../common/patch-schema';
import { IN_TENANT } from '../resources/parents';
import { TIMESTAMPS } from '../resources/response-fields';
import { defineResource } from '../resources/resource-definition';
import { ROUTE_CORE_KEYS } from './route-mapper';
import { ROUTES_SNAPSHOT } from './routes.snapshot';
import { RoutesStore } from './routes.store';

const view: z.ZodType<Route> = routeCreateSchema.omit({ name: true, service: true, paths: true, methods: true, hosts: true, stripPath: true }).extend({
  id: z.uuid(),
  name: z.string(),
  serviceId: z.uuid(),
  service: z.string(),
  paths: z.array(z.string()),
  methods: z.array(z.enum(HTTP_METHODS)),
  hosts: z.array(z.string()),
  stripPath: z.boolean(),
  ...TIMESTAMPS,
});

/** `/api/v1/tenants/{tenant}/routes`: what requests a gateway matches and which service gets them. */
export const ROUTES = defineResource({
  name: 'routes',
  kind: 'route',
  configKind: 'route',
  snapshot: ROUTES_SNAPSHOT,
  key: 'name',
  parent: IN_TENANT,
  permissions: { read: 'routes:read', write: 'routes:write' },
  // PATCH: option fields may also be null (clears them back to the default)
  schemas: { create: routeCreateSchema, patch: patchSchema(routeUpdateSchema, ROUTE_CORE_KEYS, 'RouteUpdate') },
  responses: { item: { name: 'Route', schema: view } },
  store: RoutesStore,
  list: { table: 'routes', search: { name: 'text', paths: 'text[]', hosts: 'text[]' }, searchDescription: 'the name, a path or a host', sort: { name: 'text', updatedAt: 'timestamptz' }, filters: { service: 'serviceId' } },
});
