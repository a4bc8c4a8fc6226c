import { PLUGIN_NAMES, pluginCreateSchema, pluginUpdateSchema, type Plugin, type PluginName } from '@aya/config-schema';
import { z } from 'zod';
import { IN_TENANT } from '../resources/parents';
import { TIMESTAMPS } from '../resources/response-fields';
import { defineResource } from '../resources/resource-definition';
import { PLUGINS_SNAPSHOT } from './plugins.snapshot';
import { PluginsStore } from './plugins.store';

const view: z.ZodType<Plugin> = z.object({
  id: z.uuid(),
  name: z.enum(PLUGIN_NAMES as [PluginName, ...PluginName[]]),
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()).describe('as stored: parsed with the plugin schema, defaults filled in'),
  serviceId: z.uuid().nullable(),
  routeId: z.uuid().nullable(),
  consumerId: z.uuid().nullable(),
  ...TIMESTAMPS,
});

/** `?scope=`: where a plugin applies; a plugin on a route and a consumer is found under both. */
const SCOPES = {
  global: { serviceId: null, routeId: null, consumerId: null },
  service: { serviceId: 'set' },
  route: { routeId: 'set' },
  consumer: { consumerId: 'set' },
} as const;

/**
 * `/api/v1/tenants/{tenant}/plugins`: plugin instances (by id: no key, one instance per (name, service, route,
 * consumer)), global to the tenant or scoped; their config checked with the plugin's schema at write time.
 */
export const PLUGINS = defineResource({
  name: 'plugins',
  kind: 'plugin',
  configKind: 'plugin',
  snapshot: PLUGINS_SNAPSHOT,
  key: null,
  parent: IN_TENANT,
  permissions: { read: 'plugins:read', write: 'plugins:write' },
  schemas: { create: pluginCreateSchema, patch: pluginUpdateSchema },
  responses: { item: { name: 'Plugin', schema: view } },
  store: PluginsStore,
  list: {
    table: 'plugins',
    search: { name: 'text' },
    searchDescription: 'the plugin name',
    sort: { name: 'text', updatedAt: 'timestamptz' },
    filters: { service: 'serviceId', route: 'routeId', consumer: 'consumerId' },
    choices: {
      name: { description: 'only instances of this plugin', values: Object.fromEntries(PLUGIN_NAMES.map((n) => [n, { name: { equals: n } }])) },
      scope: { description: 'global: on no service, route or consumer; service, route, consumer: scoped to one (a plugin on a route and a consumer is in both)', values: SCOPES },
    },
  },
});
