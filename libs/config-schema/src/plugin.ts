import { z } from 'zod';
import { PLUGIN_NAMES, type PluginName } from './plugins';

export * from './plugins';

/**
 * `POST /api/v1/tenants/{t}/plugins`. No scope field set: global (every route of the tenant). `config` is
 * checked with PLUGIN_CONFIG_SCHEMAS[name] at write time (400 with details under `config.`) and stored parsed,
 * defaults filled in. service / route / consumer: name or id (a consumer by username or id).
 */
export const pluginCreateSchema = z.strictObject({
  name: z.enum(PLUGIN_NAMES as [PluginName, ...PluginName[]]),
  config: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().optional(),
  service: z.string().min(1).max(128).nullable().optional(),
  route: z.string().min(1).max(128).nullable().optional(),
  consumer: z.string().min(1).max(128).nullable().optional(),
});
/** PATCH: without `config` the stored config stays (the create default `{}` must not apply here). */
export const pluginUpdateSchema = pluginCreateSchema.extend({ config: z.record(z.string(), z.unknown()).optional() }).partial();
export type PluginCreate = z.infer<typeof pluginCreateSchema>;

/** A plugin instance as the admin API returns it (scope references as ids). */
export interface Plugin {
  id: string;
  name: PluginName;
  enabled: boolean;
  config: Record<string, unknown>;
  serviceId: string | null;
  routeId: string | null;
  consumerId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A plugin instance in the snapshot: scope as ids, config parsed (defaults filled). All null: global for its tenant. */
export const snapshotPluginSchema = z.object({
  id: z.string(),
  tenant: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  serviceId: z.string().nullable(),
  routeId: z.string().nullable(),
  consumerId: z.string().nullable(),
});
export type SnapshotPlugin = z.infer<typeof snapshotPluginSchema>;
