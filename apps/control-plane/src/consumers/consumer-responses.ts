import { PLUGIN_NAMES, type PluginName } from '@aya/config-schema';
import { z } from 'zod';
import type { PluginSchemaEntry } from '../plugins/plugin-schemas';

/*
 * The response body of `GET /api/v1/plugins/schemas` (see openapi/response-schemas.ts). Plugins, consumers,
 * credentials and groups are registry resources: their views are in their definitions (*.resource.ts).
 */
const pluginName = z.enum(PLUGIN_NAMES as [PluginName, ...PluginName[]]);

const pluginSchemas: z.ZodType<{ plugins: PluginSchemaEntry[] }> = z.object({
  plugins: z.array(z.object({ name: pluginName, auth: z.boolean(), preAuth: z.boolean(), schema: z.record(z.string(), z.unknown()).describe('JSON Schema of the config (input)') })),
});

export const CONSUMER_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  PluginSchemas: pluginSchemas,
};

export const CONSUMER_OPERATION_RESPONSES: Record<string, string> = {
  'pluginschemas.list': 'PluginSchemas',
};
