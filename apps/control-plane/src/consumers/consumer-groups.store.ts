import { Injectable } from '@nestjs/common';
import type { ConsumerGroup, ConsumerGroupCreate } from '@aya/config-schema';
import type { ItemKey } from '../config-flow/config-index';
import type { Tx } from '../db/prisma';
import type { ConsumerGroup as GroupRow, Prisma } from '../generated/prisma/client';
import type { TenantParent } from '../resources/parents';
import type { ResourceStore, RowQuery, WriteAction } from '../resources/resource-definition';
import { toConsumerGroup } from './consumer-mapper';

/**
 * The consumer groups table (consumer-groups.resource.ts). A group is not a config item of its own: gateways see
 * group names on the consumers, so renaming or deleting a group changes its members' items.
 */
@Injectable()
export class ConsumerGroupsStore implements ResourceStore<GroupRow, ConsumerGroup, ConsumerGroupCreate, TenantParent> {
  findRows(db: Tx, query: RowQuery): Promise<GroupRow[]> {
    return db.consumerGroup.findMany(query as Prisma.ConsumerGroupFindManyArgs);
  }

  toDto(row: GroupRow): ConsumerGroup {
    return toConsumerGroup(row);
  }

  insertRow(tx: Tx, { tenantId }: TenantParent, input: ConsumerGroupCreate): Promise<GroupRow> {
    return tx.consumerGroup.create({ data: { tenantId, name: input.name, description: input.description ?? null } });
  }

  updateRow(tx: Tx, _parent: TenantParent, row: GroupRow, input: Partial<ConsumerGroupCreate>, replace: boolean): Promise<GroupRow> {
    const description = input.description === undefined ? (replace ? null : row.description) : input.description;
    return tx.consumerGroup.update({ where: { id: row.id }, data: { name: input.name ?? row.name, description } });
  }

  async deleteRow(tx: Tx, row: GroupRow): Promise<void> {
    await tx.consumerGroup.delete({ where: { id: row.id } });
  }

  /** Read before the memberships cascade away: these consumers lose the group. */
  cascade(tx: Tx, row: GroupRow): Promise<ItemKey[]> {
    return memberItems(tx, row.id);
  }

  /** Members carry group names: an update (a rename) changes their items. */
  alsoChanges(tx: Tx, _parent: TenantParent, row: GroupRow, action: WriteAction): Promise<ItemKey[]> {
    return action === 'update' ? memberItems(tx, row.id) : Promise.resolve([]);
  }
}

async function memberItems(tx: Tx, groupId: string): Promise<ItemKey[]> {
  const members = await tx.consumerGroupMember.findMany({ where: { groupId }, select: { consumerId: true } });
  return members.map((m) => ({ kind: 'consumer', id: m.consumerId }));
}
