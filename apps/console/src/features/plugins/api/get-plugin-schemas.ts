import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PluginName } from '@aya/config-schema';
import { client, unwrap } from '../../../lib/api-client';
import type { JsonSchema } from '../../../lib/json-schema-form';

/** One plugin as `GET /api/v1/plugins/schemas` describes it: its config's JSON Schema (input side, defaults shown). */
export interface PluginSchemaInfo {
  name: PluginName;
  /** an authentication plugin (several on a route mean "any of them") */
  auth: boolean;
  /** runs before authentication: cannot be scoped to a consumer */
  preAuth: boolean;
  schema: JsonSchema;
}

/** The same for every tenant and for the life of a control plane build: read once. */
export function pluginSchemasQueryOptions() {
  return queryOptions({
    queryKey: ['plugin-schemas'] as const,
    queryFn: async ({ signal }): Promise<PluginSchemaInfo[]> => (await unwrap(client.GET('/api/v1/plugins/schemas', { signal }))).plugins,
    staleTime: Infinity,
  });
}

export function usePluginSchemas() {
  return useQuery(pluginSchemasQueryOptions());
}
