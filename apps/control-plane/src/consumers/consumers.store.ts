import { Injectable } from '@nestjs/common';
import type { Consumer, ConsumerCreate } from '@aya/config-schema';
import { ConflictError } from '../common/errors';
import type { ItemKey } from '../config-flow/config-index';
import type { Tx } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { TenantParent } from '../resources/parents';
import type { ResourceStore, RowQuery } from '../resources/resource-definition';
import { scopedPluginItems } from '../plugins/plugin-cascade';
import { groupIds } from './consumer-lookup';
import { CONSUMER_INCLUDE, toConsumer, type ConsumerRow } from './consumer-mapper';

/**
 * The consumers table and their group memberships (consumers.resource.ts). Deleting one deletes its credentials
 * and consumer-scoped plugins (foreign keys cascade); their config items go in the same revision.
 */
@Injectable()
export class ConsumersStore implements ResourceStore<ConsumerRow, Consumer, ConsumerCreate, TenantParent> {
  findRows(db: Tx, query: RowQuery): Promise<ConsumerRow[]> {
    return db.consumer.findMany({ ...(query as Prisma.ConsumerFindManyArgs), include: CONSUMER_INCLUDE });
  }

  toDto(row: ConsumerRow): Consumer {
    return toConsumer(row);
  }

  async insertRow(tx: Tx, { tenantId }: TenantParent, input: ConsumerCreate): Promise<ConsumerRow> {
    const customId = input.customId ?? null;
    if (customId !== null) await assertCustomIdFree(tx, tenantId, customId);
    const groups = await groupIds(tx, tenantId, input.groups ?? []);
    return tx.consumer.create({
      data: { tenantId, username: input.username, customId, memberships: { create: groups.map((groupId) => ({ groupId })) } },
      include: CONSUMER_INCLUDE,
    });
  }

  /** `groups` replaces the memberships, `customId: null` clears it; PUT resets what it leaves out, PATCH keeps it. */
  async updateRow(tx: Tx, { tenantId }: TenantParent, row: ConsumerRow, input: Partial<ConsumerCreate>, replace: boolean): Promise<ConsumerRow> {
    const customId = input.customId === undefined ? (replace ? null : row.customId) : input.customId;
    if (customId !== null && customId !== row.customId) await assertCustomIdFree(tx, tenantId, customId);
    const names = input.groups ?? (replace ? [] : undefined);
    const groups = names === undefined ? undefined : await groupIds(tx, tenantId, names);
    return tx.consumer.update({
      where: { id: row.id },
      data: { username: input.username ?? row.username, customId, ...(groups ? { memberships: { deleteMany: {}, create: groups.map((groupId) => ({ groupId })) } } : {}) },
      include: CONSUMER_INCLUDE,
    });
  }

  async deleteRow(tx: Tx, row: ConsumerRow): Promise<void> {
    await tx.consumer.delete({ where: { id: row.id } });
  }

  /** Its credentials and consumer-scoped plugins go with it. */
  async cascade(tx: Tx, row: ConsumerRow): Promise<ItemKey[]> {
    const credentials = await tx.credential.findMany({ where: { consumerId: row.id }, select: { id: true } });
    return [...credentials.map((c) => ({ kind: 'credential' as const, id: c.id })), ...(await scopedPluginItems(tx, { consumerId: row.id }))];
  }
}

/** Writers are serialized (config_state row lock), so this check cannot race. */
async function assertCustomIdFree(tx: Tx, tenantId: string, customId: string): Promise<void> {
  if ((await tx.consumer.count({ where: { tenantId, customId } })) > 0) {
    throw new ConflictError(`a consumer with customId "${customId}" already exists in this tenant`);
  }
}
