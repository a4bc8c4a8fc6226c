import { Inject, Injectable } from '@nestjs/common';
import type { ConsumerGroup, ConsumerGroupCreate, Page } from '@aya/config-schema';
import type { Principal } from '../auth/permissions';
import { ConflictError, NotFoundError } from '../common/errors';
import { idOrKey } from '../common/id-or-name';
import { PAGE_ORDER, afterCursor, toPage, type PageQuery } from '../common/pagination';
import { ConfigWriter } from '../config-flow/config-writer';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import type { ConsumerGroup as GroupRow } from '../generated/prisma/client';
import { findTenant } from '../tenants/tenant-lookup';
import { toConsumerGroup } from './consumer-mapper';

/**
 * Consumer groups (addressed by id or name). A group is not a config item of its own: gateways see group names
 * on the consumers, so renaming or deleting a group changes its members' items.
 */
@Injectable()
export class ConsumerGroupsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly writer: ConfigWriter,
  ) {}

  async list(tenant: string, page: PageQuery): Promise<Page<ConsumerGroup>> {
    const t = await findTenant(this.prisma, tenant);
    const rows = await this.prisma.consumerGroup.findMany({ where: { tenantId: t.id, ...afterCursor(page.cursor) }, orderBy: PAGE_ORDER, take: page.limit + 1 });
    return toPage(rows, page.limit, toConsumerGroup);
  }

  async get(tenant: string, idOrName: string): Promise<ConsumerGroup> {
    const t = await findTenant(this.prisma, tenant);
    return toConsumerGroup(await this.require(this.prisma, t.id, idOrName));
  }

  create(actor: Principal, tenant: string, input: ConsumerGroupCreate): Promise<ConsumerGroup> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      await this.assertNameFree(tx, t.id, input.name);
      const created = toConsumerGroup(await tx.consumerGroup.create({ data: { tenantId: t.id, name: input.name, description: input.description ?? null } }));
      return { result: created, audit: { tenantId: t.id, action: 'create', resourceType: 'consumer-group', resourceId: created.id, after: created } };
    });
  }

  update(actor: Principal, tenant: string, idOrName: string, input: Partial<ConsumerGroupCreate>): Promise<ConsumerGroup> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await this.require(tx, t.id, idOrName);
      const renamed = input.name !== undefined && input.name !== row.name;
      if (renamed) await this.assertNameFree(tx, t.id, input.name ?? row.name);
      const data = { name: input.name ?? row.name, description: input.description === undefined ? row.description : input.description };
      const updated = toConsumerGroup(await tx.consumerGroup.update({ where: { id: row.id }, data }));
      // members carry group names: a rename changes their items (a group is no config item of its own)
      const scope = renamed ? await this.memberItems(tx, row.id) : [];
      return { result: updated, audit: { tenantId: t.id, action: 'update', resourceType: 'consumer-group', resourceId: row.id, before: toConsumerGroup(row), after: updated }, scope };
    });
  }

  remove(actor: Principal, tenant: string, idOrName: string): Promise<void> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await this.require(tx, t.id, idOrName);
      // before the memberships cascade away: these consumers lose the group
      const scope = await this.memberItems(tx, row.id);
      await tx.consumerGroup.delete({ where: { id: row.id } });
      return { result: undefined, audit: { tenantId: t.id, action: 'delete', resourceType: 'consumer-group', resourceId: row.id, before: toConsumerGroup(row) }, scope };
    });
  }

  private async memberItems(tx: Tx, groupId: string) {
    const members = await tx.consumerGroupMember.findMany({ where: { groupId }, select: { consumerId: true } });
    return members.map((m) => ({ kind: 'consumer' as const, id: m.consumerId }));
  }

  private async require(db: Tx, tenantId: string, idOrName: string): Promise<GroupRow> {
    const rows = await db.consumerGroup.findMany({ where: { tenantId, ...idOrKey(idOrName, 'name') }, take: 2 });
    const row = rows.find((r) => r.id === idOrName.toLowerCase()) ?? rows[0];
    if (!row) throw new NotFoundError(`consumer group "${idOrName}" not found`);
    return row;
  }

  private async assertNameFree(tx: Tx, tenantId: string, name: string): Promise<void> {
    if ((await tx.consumerGroup.count({ where: { tenantId, name } })) > 0) throw new ConflictError(`consumer group "${name}" already exists in this tenant`);
  }
}
