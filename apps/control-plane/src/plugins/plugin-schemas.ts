import { AUTH_PLUGINS, PLUGIN_CONFIG_SCHEMAS, PLUGIN_NAMES, PRE_AUTH_PLUGINS, type PluginName } from '@aya/config-schema';
import { z } from 'zod';

export interface PluginSchemaEntry {
  name: PluginName;
  /** sets the consumer ("any of them" with the route's other auth plugins) */
  auth: boolean;
  /** runs before authentication: cannot be scoped to a consumer */
  preAuth: boolean;
  /** JSON Schema of the config as written (io: input: fields with defaults are optional) */
  schema: Record<string, unknown>;
}

const includes = (list: readonly string[], name: string) => list.includes(name);

/** Every plugin's config as JSON Schema, in PLUGIN_NAMES order; the console renders its forms from these. */
export function pluginSchemas(): { plugins: PluginSchemaEntry[] } {
  return {
    plugins: PLUGIN_NAMES.map((name) => ({
      name,
      auth: includes(AUTH_PLUGINS, name),
      preAuth: includes(PRE_AUTH_PLUGINS, name),
      schema: z.toJSONSchema(PLUGIN_CONFIG_SCHEMAS[name], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    })),
  };
}
