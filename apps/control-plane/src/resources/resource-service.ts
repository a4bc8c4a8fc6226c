import type { Page } from '@aya/config-schema';
import { auditLabel } from '../audit/audit-row';
import type { Principal } from '../auth/permissions';
import { ConflictError, NotFoundError } from '../common/errors';
import { idOrKey, isUuid } from '../common/id-or-name';
import { PAGE_ORDER, afterCursor, toPage, type PageQuery } from '../common/pagination';
import type { ItemKey, SyncScope } from '../config-flow/config-index';
import type { ConfigWriter, WriteOutcome } from '../config-flow/config-writer';
import type { Db, Tx } from '../db/prisma';
import { listPage } from './list-page';
import type { ListQuery } from './list-query';
import { assertIfMatch, etagOf } from './etag';
import type { ParentRef, PathParams, ResourceDefinition, ResourceRow, ResourceStore, WriteAction } from './resource-definition';

/** The row a path segment or a reference names: by id, or by the resource's key (an id match wins over a key). */
export async function findRow<R extends ResourceRow>(
  store: Pick<ResourceStore<R, unknown, object, ParentRef>, 'findRows'>,
  key: string | null,
  db: Tx,
  where: Record<string, unknown>,
  ref: string,
): Promise<R | undefined> {
  if (key === null && !isUuid(ref)) return undefined;
  const match = key === null ? { id: ref.toLowerCase() } : idOrKey(ref, key);
  const rows = await store.findRows(db, { where: { ...where, ...match }, take: 2 });
  return rows.find((r) => r.id === ref.toLowerCase()) ?? rows[0];
}

/** A response body and the ETag of the resource's view (etag.ts); the create response may carry more than the view. */
export interface Tagged<T> {
  body: T;
  etag: string;
}

/**
 * What a derived controller calls (input already parsed by the resource's zod schema). `ifMatch` is the request's
 * `If-Match` header: checked against the row's current ETag inside the write transaction (412 when stale).
 */
export interface CrudOperations {
  /** a ListQuery when the resource has a ListSpec (see list-param.ts), else a PageQuery */
  list(params: PathParams, page: PageQuery | ListQuery, actor?: Principal): Promise<Page<unknown>>;
  get(params: PathParams, ref: string): Promise<Tagged<unknown>>;
  create(actor: Principal, params: PathParams, input: object): Promise<Tagged<unknown>>;
  replace(actor: Principal, params: PathParams, ref: string, input: object, ifMatch?: string): Promise<Tagged<unknown>>;
  patch(actor: Principal, params: PathParams, ref: string, input: object, ifMatch?: string): Promise<Tagged<unknown>>;
  remove(actor: Principal, params: PathParams, ref: string, ifMatch?: string): Promise<void>;
}

/** A field of a row or an input by name (the key column). */
const field = (o: object, name: string): unknown => (o as Record<string, unknown>)[name];

/**
 * The CRUD flow every resource shares, driven by its definition: find the parent from the path, list with keyset
 * pages, look rows up by id or key, keep keys unique per parent (409), and write through the config writer with
 * one audit row and the config items the write changed.
 */
export class ResourceService<R extends ResourceRow, Dto, Create extends object, P extends ParentRef> implements CrudOperations {
  constructor(
    private readonly def: ResourceDefinition<R, Dto, Create, P>,
    private readonly prisma: Db,
    private readonly writer: ConfigWriter,
    readonly store: ResourceStore<R, Dto, Create, P>,
  ) {}

  /** `actor`: whose list it is, for a store that shows each caller only some rows (tenants: your own). */
  async list(params: PathParams, page: PageQuery | ListQuery, actor?: Principal): Promise<Page<Dto>> {
    const parent = await this.def.parent.resolve(this.prisma, params);
    const visible = actor ? (this.store.visibleWhere?.(actor) ?? {}) : {};
    const where = { ...parent.where, ...visible };
    if (this.def.list && 'sort' in page) {
      // fail closed: the SQL list (list-page.ts) cannot narrow by a Prisma where yet
      if (Object.keys(visible).length > 0) throw new Error(`${this.def.name}: visibleWhere is not supported with a list spec`);
      const load = (ids: string[]) => this.store.findRows(this.prisma, { where: { ...parent.where, id: { in: ids } }, take: ids.length });
      return listPage(this.prisma, this.def.list, parent.where, page, load, (row) => this.store.toDto(row));
    }
    if ('sort' in page) throw new Error(`${this.def.name}: a list query without a list spec`);
    const rows = await this.store.findRows(this.prisma, {
      where: { ...where, ...afterCursor(page.cursor) },
      orderBy: PAGE_ORDER,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit, (row) => this.store.toDto(row));
  }

  async get(params: PathParams, ref: string): Promise<Tagged<Dto>> {
    const parent = await this.def.parent.resolve(this.prisma, params);
    const view = this.store.toDto(await this.require(this.prisma, parent, ref));
    return { body: view, etag: etagOf(view) };
  }

  async create(actor: Principal, params: PathParams, input: Create): Promise<Tagged<unknown>> {
    await this.store.prepareCreate?.(input);
    return this.writer.write(actor, async (tx) => {
      const parent = await this.def.parent.resolve(tx, params);
      await this.assertKeyFree(tx, parent, input);
      const row = await this.store.insertRow(tx, parent, input);
      const created = this.store.toDto(row);
      const body = this.store.createdView ? this.store.createdView(created, input) : created;
      return this.outcome(tx, parent, row, 'create', { after: created }, { body, etag: etagOf(created) });
    });
  }

  replace(actor: Principal, params: PathParams, ref: string, input: Create, ifMatch?: string): Promise<Tagged<Dto>> {
    return this.update(actor, params, ref, input, true, ifMatch);
  }

  patch(actor: Principal, params: PathParams, ref: string, input: Partial<Create>, ifMatch?: string): Promise<Tagged<Dto>> {
    return this.update(actor, params, ref, input, false, ifMatch);
  }

  remove(actor: Principal, params: PathParams, ref: string, ifMatch?: string): Promise<void> {
    return this.writer.write(actor, async (tx) => {
      const parent = await this.def.parent.resolve(tx, params);
      const row = await this.require(tx, parent, ref);
      assertIfMatch(ifMatch, this.store.toDto(row));
      await this.store.beforeDelete?.(tx, row);
      const cascaded = (await this.store.cascade?.(tx, row)) ?? [];
      await this.store.deleteRow(tx, row);
      return this.outcome(tx, parent, row, 'delete', { before: this.store.toDto(row) }, undefined, cascaded);
    });
  }

  /** The writer bumped the config revision (its row lock) before `require` reads the row: the If-Match check cannot race a write. */
  private update(actor: Principal, params: PathParams, ref: string, input: Partial<Create>, replace: boolean, ifMatch?: string): Promise<Tagged<Dto>> {
    return this.writer.write(actor, async (tx) => {
      const parent = await this.def.parent.resolve(tx, params);
      const row = await this.require(tx, parent, ref);
      const before = this.store.toDto(row);
      assertIfMatch(ifMatch, before);
      await this.store.beforeUpdate?.(tx, row, input);
      const key = this.def.key;
      if (key !== null && field(input, key) !== undefined && field(input, key) !== field(row, key)) await this.assertKeyFree(tx, parent, input);
      const updated = await this.store.updateRow(tx, parent, row, input, replace);
      const after = this.store.toDto(updated);
      return this.outcome(tx, parent, updated, 'update', { before, after }, { body: after, etag: etagOf(after) });
    });
  }

  /** The audit row and the config items a write changed: its own item, what it cascaded to, what else it touches. */
  private async outcome<T>(
    tx: Tx,
    parent: P,
    row: R,
    action: WriteAction,
    states: { before?: Dto; after?: Dto },
    result: T,
    cascaded: ItemKey[] = [],
  ): Promise<WriteOutcome<T>> {
    const own: ItemKey[] = this.def.configKind ? [{ kind: this.def.configKind, id: row.id }] : [];
    const also = (await this.store.alsoChanges?.(tx, parent, row, action)) ?? [];
    const scope: SyncScope = also === 'all' ? 'all' : [...own, ...cascaded, ...also];
    const tenantId = this.store.auditTenantId ? this.store.auditTenantId(row, action, parent) : parent.tenantId;
    const resourceName = auditLabel(this.def.key, states.after ?? states.before);
    return { result, scope, audit: { tenantId, action, resourceType: this.def.kind, resourceId: row.id, resourceName, ...states } };
  }

  private async require(db: Tx, parent: P, ref: string): Promise<R> {
    const row = await findRow(this.store, this.def.key, db, parent.where, ref);
    if (!row) throw new NotFoundError(`${this.def.kind} "${ref}" not found`);
    return row;
  }

  private async assertKeyFree(tx: Tx, parent: P, input: Partial<Create>): Promise<void> {
    const key = this.def.key;
    const value = key === null ? undefined : field(input, key);
    if (key === null || value === undefined) return;
    if ((await this.store.findRows(tx, { where: { ...parent.where, [key]: value }, take: 1 })).length > 0) {
      const where = parent.tenantId === null ? '' : ' in this tenant';
      // the detail names the key field, so a form shows the duplicate at its Name (or Username, Slug) field
      throw new ConflictError(`${this.def.kind} "${String(value)}" already exists${where}`, [{ path: key, message: `already taken by another ${this.def.kind}${where}` }]);
    }
  }
}
