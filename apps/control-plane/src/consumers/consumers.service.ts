import { Inject, Injectable } from '@nestjs/common';
import type { Consumer, ConsumerCreate, Page } from '@aya/config-schema';
import type { Principal } from '../auth/permissions';
import { ConflictError } from '../common/errors';
import { PAGE_ORDER, afterCursor, toPage, type PageQuery } from '../common/pagination';
import { ConfigWriter } from '../config-flow/config-writer';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import { scopedPluginItems } from '../plugins/plugin-cascade';
import { findTenant } from '../tenants/tenant-lookup';
import { findConsumer, groupIds } from './consumer-lookup';
import { CONSUMER_INCLUDE, toConsumer } from './consumer-mapper';

/**
 * Consumers of a tenant (addressed by id or username) and their group memberships. Deleting one deletes its
 * credentials and consumer-scoped plugins (foreign keys cascade); their config items go in the same revision.
 */
@Injectable()
export class ConsumersService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly writer: ConfigWriter,
  ) {}

  async list(tenant: string, page: PageQuery): Promise<Page<Consumer>> {
    const t = await findTenant(this.prisma, tenant);
    const rows = await this.prisma.consumer.findMany({
      where: { tenantId: t.id, ...afterCursor(page.cursor) },
      include: CONSUMER_INCLUDE,
      orderBy: PAGE_ORDER,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit, toConsumer);
  }

  async get(tenant: string, idOrUsername: string): Promise<Consumer> {
    const t = await findTenant(this.prisma, tenant);
    return toConsumer(await findConsumer(this.prisma, t.id, idOrUsername));
  }

  create(actor: Principal, tenant: string, input: ConsumerCreate): Promise<Consumer> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      await this.assertFree(tx, t.id, input.username, input.customId ?? null);
      const groups = await groupIds(tx, t.id, input.groups ?? []);
      const row = await tx.consumer.create({
        data: { tenantId: t.id, username: input.username, customId: input.customId ?? null, memberships: { create: groups.map((groupId) => ({ groupId })) } },
        include: CONSUMER_INCLUDE,
      });
      const created = toConsumer(row);
      return { result: created, audit: { tenantId: t.id, action: 'create', resourceType: 'consumer', resourceId: row.id, after: created } };
    });
  }

  /** PATCH: fields left out keep their value; `groups` replaces the memberships; `customId: null` clears it. */
  update(actor: Principal, tenant: string, idOrUsername: string, input: Partial<ConsumerCreate>): Promise<Consumer> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await findConsumer(tx, t.id, idOrUsername);
      const username = input.username ?? row.username;
      const customId = input.customId === undefined ? row.customId : input.customId;
      await this.assertFree(tx, t.id, username === row.username ? null : username, customId === row.customId ? null : customId);
      const groups = input.groups === undefined ? undefined : await groupIds(tx, t.id, input.groups);
      const updated = toConsumer(
        await tx.consumer.update({
          where: { id: row.id },
          data: { username, customId, ...(groups ? { memberships: { deleteMany: {}, create: groups.map((groupId) => ({ groupId })) } } : {}) },
          include: CONSUMER_INCLUDE,
        }),
      );
      return { result: updated, audit: { tenantId: t.id, action: 'update', resourceType: 'consumer', resourceId: row.id, before: toConsumer(row), after: updated } };
    });
  }

  remove(actor: Principal, tenant: string, idOrUsername: string): Promise<void> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await findConsumer(tx, t.id, idOrUsername);
      // read before the cascade removes them: their items leave the config in this revision
      const credentials = await tx.credential.findMany({ where: { consumerId: row.id }, select: { id: true } });
      const plugins = await scopedPluginItems(tx, { consumerId: row.id });
      await tx.consumer.delete({ where: { id: row.id } });
      return {
        result: undefined,
        audit: { tenantId: t.id, action: 'delete', resourceType: 'consumer', resourceId: row.id, before: toConsumer(row) },
        scope: [{ kind: 'consumer', id: row.id }, ...credentials.map((c) => ({ kind: 'credential' as const, id: c.id })), ...plugins],
      };
    });
  }

  /** null = not changing, nothing to check. Writers are serialized, so these checks cannot race. */
  private async assertFree(tx: Tx, tenantId: string, username: string | null, customId: string | null): Promise<void> {
    if (username !== null && (await tx.consumer.count({ where: { tenantId, username } })) > 0) {
      throw new ConflictError(`consumer "${username}" already exists in this tenant`);
    }
    if (customId !== null && (await tx.consumer.count({ where: { tenantId, customId } })) > 0) {
      throw new ConflictError(`a consumer with customId "${customId}" already exists in this tenant`);
    }
  }
}
