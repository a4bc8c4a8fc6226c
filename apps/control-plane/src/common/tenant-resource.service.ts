import { Inject, Injectable } from '@nestjs/common';
import type { Page } from '@aya/config-schema';
import type { Principal } from '../auth/permissions';
import { ConfigWriter, type AuditEntry } from '../config-flow/config-writer';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import { findTenant } from '../tenants/tenant-lookup';
import { ConflictError, NotFoundError } from './errors';
import { idOrKey } from './id-or-name';
import { PAGE_ORDER, afterCursor, toPage, type Cursor, type PageQuery } from './pagination';

export type ResourceKind = Exclude<AuditEntry['resourceType'], 'tenant'>;

export interface ResourceRow extends Cursor {
  name: string;
}

/** What the base asks a resource's table for: a tenant-scoped filter, and paging when listing. */
export interface RowQuery {
  where: { tenantId: string; name?: string } & ReturnType<typeof afterCursor>;
  orderBy?: typeof PAGE_ORDER;
  take: number;
}

/** Other resources still pointing at a row: deleting it would break them (409). */
export interface RowUsers {
  what: string;
  names: string[];
}

/**
 * The shape every tenant-scoped resource shares (services, routes, upstreams): list with keyset pages, lookup
 * by id or name, per-tenant unique names, and writes through the config flow with one audit row each.
 * A resource says only what differs: how its table is queried and how a row is written.
 */
@Injectable()
export abstract class TenantResourceService<Row extends ResourceRow, Dto extends { id: string }, Create extends { name: string }> {
  protected abstract readonly kind: ResourceKind;

  constructor(
    @Inject(PRISMA) protected readonly prisma: Db,
    protected readonly writer: ConfigWriter,
  ) {}

  protected abstract findRows(db: Tx, query: RowQuery): Promise<Row[]>;
  protected abstract toDto(row: Row): Dto;
  protected abstract insertRow(tx: Tx, tenantId: string, input: Create): Promise<Row>;
  /** `replace` (PUT) resets omitted optional fields to their defaults; PATCH keeps them. */
  protected abstract updateRow(tx: Tx, tenantId: string, row: Row, input: Partial<Create>, replace: boolean): Promise<Row>;
  protected abstract deleteRow(tx: Tx, row: Row): Promise<void>;

  /** Override when other resources reference this one. */
  protected usersOf(_tx: Tx, _row: Row): Promise<RowUsers | undefined> {
    return Promise.resolve(undefined);
  }

  async list(tenant: string, page: PageQuery): Promise<Page<Dto>> {
    const t = await findTenant(this.prisma, tenant);
    const rows = await this.findRows(this.prisma, {
      where: { tenantId: t.id, ...afterCursor(page.cursor) },
      orderBy: PAGE_ORDER,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit, (row) => this.toDto(row));
  }

  async get(tenant: string, idOrName: string): Promise<Dto> {
    const t = await findTenant(this.prisma, tenant);
    return this.toDto(await this.require(this.prisma, t.id, idOrName));
  }

  /** The row named by a path segment or a reference (id or name); an id match wins over a name. */
  async find(db: Tx, tenantId: string, idOrName: string): Promise<Row | undefined> {
    const rows = await this.findRows(db, { where: { tenantId, ...idOrKey(idOrName, 'name') }, take: 2 });
    return rows.find((r) => r.id === idOrName.toLowerCase()) ?? rows[0];
  }

  create(actor: Principal, tenant: string, input: Create): Promise<Dto> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      await this.assertNameFree(tx, t.id, input.name);
      const created = this.toDto(await this.insertRow(tx, t.id, input));
      return { result: created, audit: { tenantId: t.id, action: 'create', resourceType: this.kind, resourceId: created.id, after: created } };
    });
  }

  replace(actor: Principal, tenant: string, idOrName: string, input: Create): Promise<Dto> {
    return this.update(actor, tenant, idOrName, input, true);
  }

  patch(actor: Principal, tenant: string, idOrName: string, input: Partial<Create>): Promise<Dto> {
    return this.update(actor, tenant, idOrName, input, false);
  }

  remove(actor: Principal, tenant: string, idOrName: string): Promise<void> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await this.require(tx, t.id, idOrName);
      const users = await this.usersOf(tx, row);
      if (users && users.names.length > 0) {
        throw new ConflictError(`${this.kind} "${row.name}" is used by ${users.what}: ${users.names.join(', ')}`);
      }
      await this.deleteRow(tx, row);
      return { result: undefined, audit: { tenantId: t.id, action: 'delete', resourceType: this.kind, resourceId: row.id, before: this.toDto(row) } };
    });
  }

  private update(actor: Principal, tenant: string, idOrName: string, input: Partial<Create>, replace: boolean): Promise<Dto> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await this.require(tx, t.id, idOrName);
      if (input.name !== undefined && input.name !== row.name) await this.assertNameFree(tx, t.id, input.name);
      const updated = this.toDto(await this.updateRow(tx, t.id, row, input, replace));
      return {
        result: updated,
        audit: { tenantId: t.id, action: 'update', resourceType: this.kind, resourceId: row.id, before: this.toDto(row), after: updated },
      };
    });
  }

  private async require(db: Tx, tenantId: string, idOrName: string): Promise<Row> {
    const row = await this.find(db, tenantId, idOrName);
    if (!row) throw new NotFoundError(`${this.kind} "${idOrName}" not found`);
    return row;
  }

  private async assertNameFree(tx: Tx, tenantId: string, name: string): Promise<void> {
    if ((await this.findRows(tx, { where: { tenantId, name }, take: 1 })).length > 0) {
      throw new ConflictError(`${this.kind} "${name}" already exists in this tenant`);
    }
  }
}
