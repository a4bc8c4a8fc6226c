import type { Consumer, ConsumerGroup, SnapshotConsumer } from '@aya/config-schema';
import type { Prisma, ConsumerGroup as GroupRow } from '../generated/prisma/client';

/** What every consumer read includes: its groups' names. */
export const CONSUMER_INCLUDE = { memberships: { select: { group: { select: { name: true } } } } } as const;
export type ConsumerRow = Prisma.ConsumerGetPayload<{ include: typeof CONSUMER_INCLUDE }>;

/** Group names, sorted: the item (and its digest) must not depend on the order memberships were written in. */
const groupNames = (row: ConsumerRow): string[] => row.memberships.map((m) => m.group.name).sort();

export function toConsumer(row: ConsumerRow): Consumer {
  return {
    id: row.id,
    username: row.username,
    customId: row.customId,
    groups: groupNames(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toSnapshotConsumer(row: ConsumerRow, tenant: string): SnapshotConsumer {
  return { id: row.id, tenant, username: row.username, customId: row.customId, groups: groupNames(row) };
}

export function toConsumerGroup(row: GroupRow): ConsumerGroup {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
