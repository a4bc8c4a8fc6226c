import type { ItemKey } from '../config-flow/config-index';
import type { Tx } from '../db/prisma';

/**
 * The plugin instances scoped to a service, route or consumer, as config items. Deleting that row deletes them
 * (foreign keys cascade, as Kong does): a delete names these in its write scope, read before the delete, so
 * their items leave the config in the same revision.
 */
export async function scopedPluginItems(tx: Tx, where: { serviceId: string } | { routeId: string } | { consumerId: string }): Promise<ItemKey[]> {
  const rows = await tx.plugin.findMany({ where, select: { id: true } });
  return rows.map((r) => ({ kind: 'plugin' as const, id: r.id }));
}
