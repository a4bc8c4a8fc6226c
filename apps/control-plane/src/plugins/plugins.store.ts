import { Injectable } from '@nestjs/common';
import type { ErrorDetail, Plugin, PluginCreate, PluginName } from '@aya/config-schema';
import { AppConfig } from '../app-config';
import { ConflictError, ValidationError } from '../common/errors';
import { findTenantCertificate } from '../certificates/certificate-lookup';
import type { Tx } from '../db/prisma';
import type { Plugin as PluginRow, Prisma } from '../generated/prisma/client';
import type { TenantParent } from '../resources/parents';
import type { ResourceStore, RowQuery } from '../resources/resource-definition';
import { checkPluginConfig, consumerScopeProblem, type PluginCheckContext } from './plugin-config';
import { pluginNameOf, toPlugin } from './plugin-mapper';
import { resolveScope, type PluginScope, type ScopeRefs } from './plugin-scope';

/**
 * The plugins table (plugins.resource.ts): instances addressed by id (a name is not unique: one instance per
 * scope). The config is checked with the plugin's schema and stored parsed; scope references resolve to ids.
 */
@Injectable()
export class PluginsStore implements ResourceStore<PluginRow, Plugin, PluginCreate, TenantParent> {
  private readonly checks: PluginCheckContext;

  constructor(config: AppConfig) {
    this.checks = { redis: config.env.REDIS_URL !== undefined };
  }

  findRows(db: Tx, query: RowQuery): Promise<PluginRow[]> {
    return db.plugin.findMany(query as Prisma.PluginFindManyArgs);
  }

  toDto(row: PluginRow): Plugin {
    return toPlugin(row);
  }

  async insertRow(tx: Tx, { tenantId }: TenantParent, input: PluginCreate): Promise<PluginRow> {
    const data = await this.prepare(tx, tenantId, input.name, input.config, input);
    return tx.plugin.create({ data: { tenantId, name: input.name, enabled: input.enabled ?? true, ...data } });
  }

  /** PATCH: fields left out keep their value, `config` replaces the whole config; PUT: a scope left out is cleared. */
  async updateRow(tx: Tx, { tenantId }: TenantParent, row: PluginRow, input: Partial<PluginCreate>, replace: boolean): Promise<PluginRow> {
    const name = input.name ?? pluginNameOf(row);
    const refs: ScopeRefs = replace ? { service: null, route: null, consumer: null, ...input } : input;
    const data = await this.prepare(tx, tenantId, name, input.config ?? row.config, refs, row, input.config === undefined);
    const enabled = input.enabled ?? (replace ? true : undefined);
    return tx.plugin.update({ where: { id: row.id }, data: { name, ...(enabled !== undefined ? { enabled } : {}), ...data } });
  }

  async deleteRow(tx: Tx, row: PluginRow): Promise<void> {
    await tx.plugin.delete({ where: { id: row.id } });
  }

  /** Scope and config checked together, so one 400 names every problem; then the one-per-scope rule (409). */
  private async prepare(tx: Tx, tenantId: string, name: PluginName, rawConfig: unknown, refs: ScopeRefs, current?: PluginRow, keptConfig = false) {
    const { scope, problems } = await resolveScope(tx, tenantId, refs, current);
    const details: ErrorDetail[] = [...problems];
    const scopeProblem = scope.consumerId !== null ? consumerScopeProblem(name) : undefined;
    if (scopeProblem) details.push(scopeProblem);
    // a stored config is not refused for what changed since (REDIS_URL gone): disabling it must stay possible
    const checked = checkPluginConfig(name, rawConfig, keptConfig ? { ...this.checks, redis: true } : this.checks);
    if (!checked.ok) details.push(...checked.details);
    else if (name === 'mtls-auth') details.push(...(await caCertificateProblems(tx, tenantId, checked.config)));
    if (details.length > 0 || !checked.ok) throw new ValidationError('invalid request body', details);
    await assertFree(tx, tenantId, name, scope, current?.id);
    return { config: checked.config as Prisma.InputJsonValue, ...scope };
  }
}

/** Writers are serialized (config_state row lock), so this check cannot race; the unique index backs it. */
async function assertFree(tx: Tx, tenantId: string, name: PluginName, scope: PluginScope, selfId?: string): Promise<void> {
  const clash = await tx.plugin.findFirst({ where: { tenantId, name, ...scope, ...(selfId ? { id: { not: selfId } } : {}) }, select: { id: true } });
  if (clash) throw new ConflictError(`plugin "${name}" already has an instance with this scope: ${clash.id}`);
}

/**
 * mtls-auth `caCertificates` name certificates of the plugin's own tenant (the gateway holds every tenant's
 * certificates by id, so only this check keeps one tenant from trusting another's CA); stored as canonical ids.
 */
async function caCertificateProblems(tx: Tx, tenantId: string, config: Record<string, unknown>): Promise<ErrorDetail[]> {
  const ids = Array.isArray(config.caCertificates) ? (config.caCertificates as string[]) : [];
  const problems: ErrorDetail[] = [];
  for (const [i, id] of ids.entries()) {
    const cert = await findTenantCertificate(tx, tenantId, id);
    if (cert) ids[i] = cert.id;
    else problems.push({ path: `config.caCertificates.${i}`, message: `certificate "${id}" does not exist in this tenant` });
  }
  return problems;
}
