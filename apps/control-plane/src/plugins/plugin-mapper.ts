import { PLUGIN_NAMES, type Plugin, type PluginName, type SnapshotPlugin } from '@aya/config-schema';
import type { Plugin as PluginRow } from '../generated/prisma/client';

const isPluginName = (v: string): v is PluginName => (PLUGIN_NAMES as readonly string[]).includes(v);

export function pluginNameOf(row: Pick<PluginRow, 'id' | 'name'>): PluginName {
  if (!isPluginName(row.name)) throw new Error(`plugin ${row.id}: unknown plugin name "${row.name}"`);
  return row.name;
}

const configOf = (row: Pick<PluginRow, 'config'>): Record<string, unknown> =>
  typeof row.config === 'object' && row.config !== null && !Array.isArray(row.config) ? (row.config as Record<string, unknown>) : {};

/** The admin view: scope references as ids. */
export function toPlugin(row: PluginRow): Plugin {
  return {
    id: row.id,
    name: pluginNameOf(row),
    enabled: row.enabled,
    config: configOf(row),
    serviceId: row.serviceId,
    routeId: row.routeId,
    consumerId: row.consumerId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type PluginItemRow = Pick<PluginRow, 'id' | 'tenantId' | 'name' | 'enabled' | 'config' | 'serviceId' | 'routeId' | 'consumerId'>;

/** The snapshot item: the config is stored parsed, so it goes out as stored. */
export function toSnapshotPlugin(row: PluginItemRow, tenant: string): SnapshotPlugin {
  return {
    id: row.id,
    tenant,
    name: row.name,
    enabled: row.enabled,
    config: configOf(row),
    serviceId: row.serviceId,
    routeId: row.routeId,
    consumerId: row.consumerId,
  };
}
