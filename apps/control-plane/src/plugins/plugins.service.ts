import { Inject, Injectable } from '@nestjs/common';
import type { ErrorDetail, Page, Plugin, PluginCreate, PluginName } from '@aya/config-schema';
import { AppConfig } from '../app-config';
import type { Principal } from '../auth/permissions';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors';
import { isUuid } from '../common/id-or-name';
import { PAGE_ORDER, afterCursor, toPage, type PageQuery } from '../common/pagination';
import { ConfigWriter } from '../config-flow/config-writer';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import type { Plugin as PluginRow, Prisma } from '../generated/prisma/client';
import { findTenant } from '../tenants/tenant-lookup';
import { checkPluginConfig, consumerScopeProblem, type PluginCheckContext } from './plugin-config';
import { pluginNameOf, toPlugin } from './plugin-mapper';
import { resolveScope, type PluginScope } from './plugin-scope';

/**
 * Plugin instances of a tenant, addressed by id (a name is not unique: one instance per scope). The config is
 * checked with the plugin's schema and stored parsed; scope references are resolved to ids at write time.
 */
@Injectable()
export class PluginsService {
  private readonly checks: PluginCheckContext;

  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly writer: ConfigWriter,
    config: AppConfig,
  ) {
    this.checks = { redis: config.env.REDIS_URL !== undefined };
  }

  async list(tenant: string, page: PageQuery): Promise<Page<Plugin>> {
    const t = await findTenant(this.prisma, tenant);
    const rows = await this.prisma.plugin.findMany({ where: { tenantId: t.id, ...afterCursor(page.cursor) }, orderBy: PAGE_ORDER, take: page.limit + 1 });
    return toPage(rows, page.limit, toPlugin);
  }

  async get(tenant: string, id: string): Promise<Plugin> {
    const t = await findTenant(this.prisma, tenant);
    return toPlugin(await this.require(this.prisma, t.id, id));
  }

  create(actor: Principal, tenant: string, input: PluginCreate): Promise<Plugin> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const data = await this.prepare(tx, t.id, input.name, input.config, input);
      const created = toPlugin(await tx.plugin.create({ data: { tenantId: t.id, name: input.name, enabled: input.enabled ?? true, ...data } }));
      return { result: created, audit: { tenantId: t.id, action: 'create', resourceType: 'plugin', resourceId: created.id, after: created } };
    });
  }

  /** PATCH: fields left out keep their value; `config`, when given, replaces the whole config (then parsed). */
  update(actor: Principal, tenant: string, id: string, input: Partial<PluginCreate>): Promise<Plugin> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await this.require(tx, t.id, id);
      const name = input.name ?? pluginNameOf(row);
      const data = await this.prepare(tx, t.id, name, input.config ?? row.config, input, row);
      const updated = toPlugin(await tx.plugin.update({ where: { id: row.id }, data: { name, ...(input.enabled !== undefined ? { enabled: input.enabled } : {}), ...data } }));
      return { result: updated, audit: { tenantId: t.id, action: 'update', resourceType: 'plugin', resourceId: row.id, before: toPlugin(row), after: updated } };
    });
  }

  remove(actor: Principal, tenant: string, id: string): Promise<void> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await this.require(tx, t.id, id);
      await tx.plugin.delete({ where: { id: row.id } });
      return { result: undefined, audit: { tenantId: t.id, action: 'delete', resourceType: 'plugin', resourceId: row.id, before: toPlugin(row) } };
    });
  }

  /** Scope and config checked together, so one 400 names every problem; then the one-per-scope rule (409). */
  private async prepare(tx: Tx, tenantId: string, name: PluginName, rawConfig: unknown, input: Partial<PluginCreate>, current?: PluginRow) {
    const { scope, problems } = await resolveScope(tx, tenantId, input, current);
    const details: ErrorDetail[] = [...problems];
    const scopeProblem = scope.consumerId !== null ? consumerScopeProblem(name) : undefined;
    if (scopeProblem) details.push(scopeProblem);
    // a stored config is not refused for what changed since (REDIS_URL gone): disabling it must stay possible
    const checked = checkPluginConfig(name, rawConfig, current && input.config === undefined ? { ...this.checks, redis: true } : this.checks);
    if (!checked.ok) details.push(...checked.details);
    if (details.length > 0 || !checked.ok) throw new ValidationError('invalid request body', details);
    await this.assertFree(tx, tenantId, name, scope, current?.id);
    return { config: checked.config as Prisma.InputJsonValue, ...scope };
  }

  /** Writers are serialized (config_state row lock), so this check cannot race; the unique index backs it. */
  private async assertFree(tx: Tx, tenantId: string, name: PluginName, scope: PluginScope, selfId?: string): Promise<void> {
    const clash = await tx.plugin.findFirst({ where: { tenantId, name, ...scope, ...(selfId ? { id: { not: selfId } } : {}) }, select: { id: true } });
    if (clash) throw new ConflictError(`plugin "${name}" already has an instance with this scope: ${clash.id}`);
  }

  private async require(db: Tx, tenantId: string, id: string): Promise<PluginRow> {
    const row = isUuid(id) ? await db.plugin.findFirst({ where: { id: id.toLowerCase(), tenantId } }) : null;
    if (!row) throw new NotFoundError(`plugin "${id}" not found`);
    return row;
  }
}
