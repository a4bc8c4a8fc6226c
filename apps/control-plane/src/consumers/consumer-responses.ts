import { PLUGIN_NAMES, type Plugin, type PluginName } from '@aya/config-schema';
import { z } from 'zod';
import type { PluginSchemaEntry } from '../plugins/plugin-schemas';

/*
 * Response bodies of plugins (see openapi/response-schemas.ts), typed against the contract's interfaces so tsc
 * fails when one drifts from what the API returns. Consumers, credentials and groups are registry resources: their
 * views are in their definitions (*.resource.ts).
 */
const timestamps = { createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };
const page = (item: z.ZodType) => z.object({ data: z.array(item), next: z.string().nullable().describe('opaque cursor of the next page') });
const pluginName = z.enum(PLUGIN_NAMES as [PluginName, ...PluginName[]]);

const plugin: z.ZodType<Plugin> = z.object({
  id: z.uuid(),
  name: pluginName,
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()).describe('as stored: parsed with the plugin schema, defaults filled in'),
  serviceId: z.uuid().nullable(),
  routeId: z.uuid().nullable(),
  consumerId: z.uuid().nullable(),
  ...timestamps,
});
const pluginSchemas: z.ZodType<{ plugins: PluginSchemaEntry[] }> = z.object({
  plugins: z.array(z.object({ name: pluginName, auth: z.boolean(), preAuth: z.boolean(), schema: z.record(z.string(), z.unknown()).describe('JSON Schema of the config (input)') })),
});

export const CONSUMER_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  Plugin: plugin,
  PluginPage: page(plugin),
  PluginSchemas: pluginSchemas,
};

const crud = (tag: string, item: string, list: string): Record<string, string> => ({
  [`${tag}.list`]: list,
  [`${tag}.get`]: item,
  [`${tag}.create`]: item,
  [`${tag}.update`]: item,
  [`${tag}.remove`]: 'none',
});

export const CONSUMER_OPERATION_RESPONSES: Record<string, string> = {
  ...crud('plugins', 'Plugin', 'PluginPage'),
  'pluginschemas.list': 'PluginSchemas',
};
