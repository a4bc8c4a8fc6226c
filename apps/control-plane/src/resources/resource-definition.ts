import type { Type } from '@nestjs/common';
import type { ConfigItem, ConfigKind } from '@aya/config-schema';
import type { SecretBox } from '../certificates/secret-box';
import type { z } from 'zod';
import type { PermissionName, Principal } from '../auth/permissions';
import type { Cursor } from '../common/pagination';
import type { ItemKey, SyncScope } from '../config-flow/config-index';
import type { Tx } from '../db/prisma';
import type { ListSpec } from './list-query';

/** Path parameters by name (`{tenant: 'default', consumer: 'alice'}`). */
export type PathParams = Record<string, string>;

/** Where a resource's rows live: the rows of one parent, found from the path (Kong: a nested endpoint's foreign key). */
export interface ParentRef {
  /** the tenant the rows belong to (audit rows and scopes name it); null for the tenants themselves */
  tenantId: string | null;
  /** the Prisma filter selecting the parent's rows (`{tenantId}`, `{consumerId}`, or none) */
  where: Record<string, string>;
}

export interface ParentSpec<P extends ParentRef> {
  /** the path up to the resource's own segment: `api/v1/tenants/:tenant` */
  path: string;
  /** its parameters, outermost first (each is one handler argument, in this order) */
  params: readonly string[];
  /** 404 when a parent does not exist */
  resolve(db: Tx, params: PathParams): Promise<P>;
}

/** What every stored row has: an id and the keyset paging order. */
export type ResourceRow = Cursor;

/** What a store is asked for: the parent's filter plus an id/key match or a keyset page. */
export interface RowQuery {
  where: Record<string, unknown>;
  orderBy?: Array<{ createdAt: 'asc' } | { id: 'asc' }>;
  take: number;
}

export type WriteAction = 'create' | 'update' | 'delete';

/**
 * How one resource's table is read and written (a Nest provider: it may inject what it needs). The CRUD flow
 * around it (parent lookup, id-or-key lookup, unique keys, audit, config scope, paging) is derived; the optional
 * hooks are where a resource's own rules plug in.
 */
export interface ResourceStore<R extends ResourceRow, Dto, Create extends object, P extends ParentRef> {
  findRows(db: Tx, query: RowQuery): Promise<R[]>;
  toDto(row: R): Dto;
  /** A `where` narrowing the list to what the caller may see (tenants: those they are a member of). */
  visibleWhere?(actor: Principal): Record<string, unknown>;
  /** Slow work on a create body (hashing a secret) before the write transaction takes the config lock. */
  prepareCreate?(input: Create): Promise<void>;
  insertRow(tx: Tx, parent: P, input: Create): Promise<R>;
  /** `replace` (PUT) resets omitted optional fields to their defaults; PATCH keeps them. */
  updateRow(tx: Tx, parent: P, row: R, input: Partial<Create>, replace: boolean): Promise<R>;
  deleteRow(tx: Tx, row: R): Promise<void>;
  /** Refuses an update the schema cannot (throw a CpError). */
  beforeUpdate?(tx: Tx, row: R, input: Partial<Create>): Promise<void>;
  /** Refuses a delete, e.g. while other rows still use this one (throw ConflictError). */
  beforeDelete?(tx: Tx, row: R): Promise<void>;
  /**
   * Before the row is deleted: the config items the delete takes with it (rows deleted with it, by foreign key or
   * here) or changes (rows naming it); read now, while they still point at it.
   */
  cascade?(tx: Tx, row: R): Promise<ItemKey[]>;
  /** Config items a write changes besides the row's own item (e.g. services resolving an upstream by name). */
  alsoChanges?(tx: Tx, parent: P, row: R, action: WriteAction): Promise<SyncScope>;
  /** The create response when it is not the plain view (a secret shown once); `input` as insertRow left it. */
  createdView?(dto: Dto, input: Create): unknown;
  /** The audit row's tenant when it is not the parent's (a tenant's own rows). */
  auditTenantId?(row: R, action: WriteAction, parent: P): string | null;
}

/** A response body with its OpenAPI component name. */
export interface NamedSchema<T = unknown> {
  name: string;
  schema: z.ZodType<T>;
}

/**
 * An endpoint beyond the six CRUD ones, kept in the resource's folder: a handler on a provider of its own,
 * given the path parameters. Its permission is declared here, beside the CRUD ones.
 */
export interface ExtraRoute<T extends object> {
  /** handler name: the OpenAPI operation is `<resource>.<name>` */
  name: string;
  method: 'get' | 'post';
  /** below the resource's path: `:id/health` */
  path: string;
  permission: PermissionName;
  response: NamedSchema;
  provider: Type<T>;
  call(provider: T, params: PathParams): Promise<unknown>;
}

/** What building any item may need: the tenants (few: always loaded whole) and the box that seals secrets. */
export interface SnapshotEnv {
  tenants: ReadonlyArray<{ id: string; slug: string }>;
  box: SecretBox;
}

/** A resource's part of the gateway snapshot: how its rows become config items. */
export interface SnapshotPart {
  /**
   * The items of the resource's config kind in a stable order (created_at, then id): every row's, or only those of
   * `ids` (the rows one write touched). As stored and sent: secrets sealed, never in clear.
   */
  load(tx: Tx, env: SnapshotEnv, ids?: readonly string[]): Promise<ConfigItem[]>;
}

/**
 * One resource, described once (Kong's entity schema): the admin endpoints with their permissions, the OpenAPI
 * operations and response schemas, the audit resource type, the config kind and scope of its writes are derived
 * from it (see README.md).
 */
export interface ResourceDefinition<R extends ResourceRow, Dto, Create extends object, P extends ParentRef> {
  /** plural path segment, OpenAPI tag and controller name: `services` */
  name: string;
  /** singular: the audit row's resource type and the word in error messages */
  kind: string;
  /** the config item kind its rows become in the gateway snapshot, or null (none: tenants) */
  configKind: ConfigKind | null;
  /** how its rows become those items (with a configKind) */
  snapshot?: SnapshotPart;
  /** the column a path segment may name instead of the id, unique per parent (Kong's endpoint_key); null: by id only */
  key: string | null;
  parent: ParentSpec<P>;
  /** the path parameter naming one row; `id` unless given */
  idParam?: string;
  /** false: no PUT (a resource only some fields of which change, by PATCH: credentials) */
  replace?: false;
  permissions: { read: PermissionName; write: PermissionName };
  /** request bodies: POST and PUT take `create`, PATCH `patch` */
  schemas: { create: z.ZodType; patch: z.ZodType };
  /** the view every endpoint answers, and the create response when it differs (a secret shown once) */
  responses: { item: NamedSchema<Dto>; created?: NamedSchema };
  store: Type<ResourceStore<R, Dto, Create, P>>;
  routes?: ReadonlyArray<ExtraRoute<object>>;
  /** search, sort, filters and a total on its list (`?q=&sort=`); without it the list only pages by age */
  list?: ListSpec;
}

/** Any resource, as the registry holds it (the derivations need nothing typed by one resource). */
export type AnyResource = ResourceDefinition<ResourceRow, unknown, object, ParentRef>;

/** Checks one resource's pieces agree (row, view, input, parent), then files it in the registry's common type. */
export function defineResource<R extends ResourceRow, Dto, Create extends object, P extends ParentRef>(def: ResourceDefinition<R, Dto, Create, P>): AnyResource {
  // sound: the registry only ever hands a store the rows, inputs and parents the same definition produced
  return def as unknown as AnyResource;
}

/** Erases an extra route's provider type for the registry (the route is typed where it is declared). */
export function extraRoute<T extends object>(route: ExtraRoute<T>): ExtraRoute<object> {
  return route as unknown as ExtraRoute<object>;
}
