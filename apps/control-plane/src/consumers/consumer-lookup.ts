import { NotFoundError, ValidationError } from '../common/errors';
import { idOrKey } from '../common/id-or-name';
import type { Tx } from '../db/prisma';
import { CONSUMER_INCLUDE, type ConsumerRow } from './consumer-mapper';

/** The consumer named by a path segment (id or username) in a tenant; 404 when there is none. */
export async function findConsumer(db: Tx, tenantId: string, idOrUsername: string): Promise<ConsumerRow> {
  const rows = await db.consumer.findMany({ where: { tenantId, ...idOrKey(idOrUsername, 'username') }, include: CONSUMER_INCLUDE, take: 2 });
  const row = rows.find((r) => r.id === idOrUsername.toLowerCase()) ?? rows[0];
  if (!row) throw new NotFoundError(`consumer "${idOrUsername}" not found`);
  return row;
}

/** Group names -> ids within the tenant; a name that is not a group is a 400 on `groups.<i>`. */
export async function groupIds(tx: Tx, tenantId: string, names: string[]): Promise<string[]> {
  const unique = [...new Set(names)];
  const rows = await tx.consumerGroup.findMany({ where: { tenantId, name: { in: unique } }, select: { id: true, name: true } });
  const byName = new Map(rows.map((r) => [r.name, r.id]));
  const details = names.flatMap((n, i) => (byName.has(n) ? [] : [{ path: `groups.${i}`, message: `consumer group "${n}" not found in this tenant` }]));
  if (details.length > 0) throw new ValidationError('invalid request body', details);
  return unique.map((n) => byName.get(n) ?? '');
}
