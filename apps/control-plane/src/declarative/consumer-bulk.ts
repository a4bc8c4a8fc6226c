import { randomUUID } from 'node:crypto';
import type { ConsumerCreate } from '@aya/config-schema';
import { ConflictError } from '../common/errors';
import { toConsumer, type ConsumerRow } from '../consumers/consumer-mapper';
import type { Tx } from '../db/prisma';
import type { TenantParent } from '../resources/parents';
import type { AnyResource } from '../resources/resource-definition';
import type { ApplyLog } from './apply-log';
import type { SectionPlan } from './config-plan';

interface ConsumerData {
  path: string;
  id: string;
  username: string;
  customId: string | null;
  groups: string[];
}

/**
 * The consumers an apply creates and updates, in bulk: the same rules as a consumer write (consumers/consumers.store.ts:
 * groups by name, replaced on update; customId unique in the tenant), checked for the whole set in memory and written
 * with a few statements (consumers, then their memberships), so thousands of consumers are not a round trip each.
 * Deletes stay with the store (their cascade names the credentials and plugins that go with them).
 */
export async function writeConsumers(tx: Tx, def: AnyResource, parent: TenantParent, plan: SectionPlan, log: ApplyLog): Promise<void> {
  if (plan.creates.length === 0 && plan.updates.length === 0) return;
  const { tenantId } = parent;
  const groups = await tx.consumerGroup.findMany({ where: { tenantId }, select: { id: true, name: true } });
  const groupIds = new Map(groups.map((g) => [g.name, g.id]));
  const data = (path: string, id: string, input: ConsumerCreate): ConsumerData => ({
    path,
    id,
    username: input.username,
    customId: input.customId ?? null,
    // every name exists: the plan checked the document's references (config-plan.ts checkReferences)
    groups: [...new Set(input.groups ?? [])].filter((g) => groupIds.has(g)),
  });
  const creates = plan.creates.map((item) => data(item.path, randomUUID(), item.input as ConsumerCreate));
  const updates = plan.updates.map(({ item, current }) => ({ before: current.row as ConsumerRow, data: data(item.path, current.id, item.input as ConsumerCreate) }));
  await assertCustomIdsFree(tx, tenantId, [...updates.map((u) => u.data), ...creates]);

  const now = new Date();
  const rowOf = (d: ConsumerData, createdAt: Date): ConsumerRow => ({
    id: d.id,
    tenantId,
    username: d.username,
    customId: d.customId,
    createdAt,
    updatedAt: now,
    memberships: d.groups.map((name) => ({ group: { name } })),
  });
  const json = (rows: ConsumerData[]) => JSON.stringify(rows.map((r) => ({ id: r.id, username: r.username, custom_id: r.customId })));
  if (updates.length > 0) {
    await tx.$executeRaw`
      UPDATE consumers c SET custom_id = x.custom_id, updated_at = ${now}
      FROM jsonb_to_recordset(${json(updates.map((u) => u.data))}::jsonb) AS x(id uuid, username text, custom_id text)
      WHERE c.id = x.id`;
    // memberships replaced, as a PUT does (a membership kept is deleted and inserted again: the history nets it out)
    await tx.$executeRaw`DELETE FROM consumer_group_members WHERE consumer_id = ANY(${updates.map((u) => u.data.id)}::uuid[])`;
  }
  if (creates.length > 0) {
    await tx.$executeRaw`
      INSERT INTO consumers (id, tenant_id, username, custom_id, created_at, updated_at)
      SELECT x.id, ${tenantId}::uuid, x.username, x.custom_id, ${now}, ${now}
      FROM jsonb_to_recordset(${json(creates)}::jsonb) AS x(id uuid, username text, custom_id text)`;
  }
  const memberships = [...updates.map((u) => u.data), ...creates].flatMap((d) => d.groups.map((g) => ({ consumer_id: d.id, group_id: groupIds.get(g) })));
  if (memberships.length > 0) {
    await tx.$executeRaw`
      INSERT INTO consumer_group_members (consumer_id, group_id)
      SELECT x.consumer_id, x.group_id FROM jsonb_to_recordset(${JSON.stringify(memberships)}::jsonb) AS x(consumer_id uuid, group_id uuid)`;
  }
  for (const u of updates) log.record(def, 'consumer', parent, 'update', u.data.username, u.data.id, { before: toConsumer(u.before), after: toConsumer(rowOf(u.data, u.before.createdAt)) });
  for (const c of creates) log.record(def, 'consumer', parent, 'create', c.username, c.id, { after: toConsumer(rowOf(c, now)) });
}

/**
 * A customId is unique in its tenant: none of the document's may be held by another consumer (one pruned by this
 * apply too: deletes come last), or by another of the document.
 */
async function assertCustomIdsFree(tx: Tx, tenantId: string, writes: ConsumerData[]): Promise<void> {
  const wanted = writes.filter((w) => w.customId !== null);
  if (wanted.length === 0) return;
  const writing = new Set(writes.map((w) => w.id));
  const held = await tx.consumer.findMany({ where: { tenantId, customId: { in: wanted.map((w) => w.customId ?? '') } }, select: { id: true, customId: true } });
  const taken = new Map(held.filter((h) => !writing.has(h.id)).map((h) => [h.customId, '']));
  for (const w of wanted) {
    const holder = taken.get(w.customId);
    if (holder !== undefined) {
      const message = `a consumer with customId "${w.customId ?? ''}" already exists in this tenant${holder ? ` (${holder})` : ''}`;
      throw new ConflictError(`${w.path}.customId: ${message}`, [{ path: `${w.path}.customId`, message }]);
    }
    taken.set(w.customId, w.path);
  }
}
