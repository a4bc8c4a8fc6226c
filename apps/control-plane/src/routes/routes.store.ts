import { Injectable } from '@nestjs/common';
import type { ErrorDetail, Route, RouteCreate } from '@aya/config-schema';
import { ConflictError, ValidationError } from '../common/errors';
import { mergeOptions, optionsOf, readOptions, type Options } from '../common/options';
import type { ItemKey } from '../config-flow/config-index';
import type { Tx } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import { scopedPluginItems } from '../plugins/plugin-cascade';
import type { TenantParent } from '../resources/parents';
import type { ResourceStore, RowQuery } from '../resources/resource-definition';
import { findRow } from '../resources/resource-service';
import { ServicesStore } from '../services/services.store';
import { collidingRouteLabel, findCollision, type RouteMatchKey } from './collision';
import { ROUTE_CORE_KEYS, mapSplit, optionServiceIds, splitServiceIds, toRoute, type FallbackConfig, type RouteRowWithService, type SplitConfig } from './route-mapper';

const withService = { service: { select: { name: true } } } as const;

type RouteCore = Pick<RouteCreate, (typeof ROUTE_CORE_KEYS)[number]>;

/** The routes table; service references resolve here and collisions are refused (routes.resource.ts). */
@Injectable()
export class RoutesStore implements ResourceStore<RouteRowWithService, Route, RouteCreate, TenantParent> {
  constructor(private readonly services: ServicesStore) {}

  async findRows(db: Tx, query: RowQuery): Promise<RouteRowWithService[]> {
    return this.withSplitNames(db, await db.route.findMany({ ...(query as Prisma.RouteFindManyArgs), include: withService }));
  }

  toDto(row: RouteRowWithService): Route {
    return toRoute(row);
  }

  async insertRow(tx: Tx, { tenantId }: TenantParent, input: RouteCreate): Promise<RouteRowWithService> {
    const data = await this.prepare(tx, tenantId, input, optionsOf(input, ROUTE_CORE_KEYS));
    return (await this.withSplitNames(tx, [await tx.route.create({ data: { tenantId, ...data }, include: withService })]))[0];
  }

  async updateRow(tx: Tx, { tenantId }: TenantParent, row: RouteRowWithService, input: Partial<RouteCreate>, replace: boolean): Promise<RouteRowWithService> {
    const base: RouteCore = replace
      ? { name: row.name, service: row.serviceId, paths: row.paths }
      : { name: row.name, service: row.serviceId, paths: row.paths, methods: toRoute(row).methods, hosts: row.hosts ?? [], stripPath: row.stripPath };
    const options = replace ? optionsOf(input, ROUTE_CORE_KEYS) : mergeOptions(readOptions(row.options), input, ROUTE_CORE_KEYS);
    const data = await this.prepare(tx, tenantId, { ...base, ...input }, options, row.id);
    return (await this.withSplitNames(tx, [await tx.route.update({ where: { id: row.id }, data, include: withService })]))[0];
  }

  /** Plugins scoped to the route go with it (foreign key cascade): their items leave the config in the same revision. */
  cascade(tx: Tx, row: RouteRowWithService): Promise<ItemKey[]> {
    return scopedPluginItems(tx, { routeId: row.id });
  }

  async deleteRow(tx: Tx, row: RouteRowWithService): Promise<void> {
    await tx.route.delete({ where: { id: row.id } });
  }

  /** Resolves the services, applies defaults and refuses a route any gateway could not tell from another. */
  private async prepare(tx: Tx, tenantId: string, input: RouteCore, options: Options, selfId?: string) {
    const details: ErrorDetail[] = [];
    const service = await this.service(tx, tenantId, input.service);
    if (!service) details.push({ path: 'service', message: `service "${input.service}" does not exist in this tenant` });
    // a split names services by name or id; stored by id so renaming a service keeps the split pointing at it
    const split = options.split as SplitConfig | undefined;
    if (split) {
      const refs = new Map<string, string>();
      for (const ref of splitServiceIds(split)) {
        const found = await this.service(tx, tenantId, ref);
        if (found) refs.set(ref, found.id);
      }
      options.split = mapSplit(split, (ref, path) => {
        const id = refs.get(ref);
        if (!id) details.push({ path, message: `service "${ref}" does not exist in this tenant` });
        return id ?? ref;
      }) as unknown as Prisma.InputJsonValue;
    }
    // a fallback service is stored by id too; it must be another service than the one it stands in for
    const fallback = options.fallback as FallbackConfig | undefined;
    if (fallback?.service !== undefined) {
      const found = await this.service(tx, tenantId, fallback.service);
      if (!found) details.push({ path: 'fallback.service', message: `service "${fallback.service}" does not exist in this tenant` });
      else if (found.id === service?.id) details.push({ path: 'fallback.service', message: 'must be another service than the route\'s own' });
      else options.fallback = { service: found.id };
    }
    if (!service || details.length > 0) throw new ValidationError('invalid request body', details);
    const candidate: RouteMatchKey = {
      id: selfId,
      paths: [...new Set(input.paths)],
      methods: [...new Set(input.methods ?? [])],
      hosts: [...new Set(input.hosts ?? [])],
      ...matchOptions(options),
    };
    // every tenant: gateways serve all tenants on one listener
    const sharing = await tx.route.findMany({
      where: { paths: { hasSome: [...candidate.paths] } },
      select: { id: true, name: true, paths: true, methods: true, hosts: true, options: true, tenantId: true },
    });
    const hit = findCollision(
      candidate,
      sharing.map((r) => ({ ...r, methods: r.methods ?? [], hosts: r.hosts ?? [], ...matchOptions(readOptions(r.options)) })),
    );
    if (hit) throw new ConflictError(`route collides with ${collidingRouteLabel(hit, tenantId)} (same path, method, host, priority and predicates)`);
    return {
      name: input.name,
      serviceId: service.id,
      paths: [...candidate.paths],
      methods: [...candidate.methods],
      hosts: [...candidate.hosts],
      stripPath: input.stripPath ?? false,
      options,
    };
  }

  /** A service of the tenant by id or name. */
  private service(tx: Tx, tenantId: string, ref: string) {
    return findRow(this.services, 'name', tx, { tenantId }, ref);
  }

  /** Attaches the names of the services the rows' splits and fallbacks point at (one query for all rows). */
  private async withSplitNames(db: Tx, rows: RouteRowWithService[]): Promise<RouteRowWithService[]> {
    const ids = [...new Set(rows.flatMap((r) => optionServiceIds(readOptions(r.options))))];
    if (ids.length === 0) return rows;
    const found = await db.service.findMany({ where: { id: { in: ids.filter((id) => /^[0-9a-f-]{36}$/.test(id)) } }, select: { id: true, name: true } });
    const serviceNames = new Map(found.map((s) => [s.id, s.name]));
    return rows.map((r) => ({ ...r, serviceNames }));
  }
}

/** The matching-related options of a route, as the collision check compares them. */
export function matchOptions(options: Options): Pick<RouteMatchKey, 'priority' | 'headers' | 'query'> {
  return {
    priority: typeof options.priority === 'number' ? options.priority : undefined,
    headers: options.headers as RouteMatchKey['headers'],
    query: options.query as RouteMatchKey['query'],
  };
}
