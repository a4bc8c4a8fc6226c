import { randomUUID } from 'node:crypto';
import { CpErrorCode, type ErrorDetail, type RouteCreate } from '@aya/config-schema';
import { AppError, ValidationError } from '../common/errors';
import { optionsOf, readOptions, type Options } from '../common/options';
import type { Tx } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { TenantParent } from '../resources/parents';
import type { AnyResource } from '../resources/resource-definition';
import { collidingRouteLabel, routesCollide, type RouteMatchKey } from '../routes/collision';
import { ROUTE_CORE_KEYS, mapSplit, type FallbackConfig, type RouteRowWithService, type SplitConfig } from '../routes/route-mapper';
import type { ApplyLog } from './apply-log';
import type { SectionPlan } from './config-plan';
import type { AnyTenantStore } from './tenant-state';

/** Paths per collision lookup. */
const CHUNK = 2_000;

interface RouteData {
  id: string;
  name: string;
  serviceId: string;
  paths: string[];
  methods: string[];
  hosts: string[];
  stripPath: boolean;
  options: Options;
}

interface Candidate {
  path: string;
  data: RouteData;
  match: RouteMatchKey;
}

type Keyed = RouteMatchKey & { label: string };

const chunks = <T>(items: readonly T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

function matchOf(id: string, paths: readonly string[], methods: readonly string[], hosts: readonly string[], options: Options): RouteMatchKey {
  return {
    id,
    paths,
    methods,
    hosts,
    priority: typeof options.priority === 'number' ? options.priority : undefined,
    headers: options.headers as RouteMatchKey['headers'],
    query: options.query as RouteMatchKey['query'],
  };
}

/**
 * The routes of an apply, in bulk: the same rules as a route write (routes/routes.store.ts: services by name,
 * splits and fallbacks stored by service id, no collision with any route of any tenant), checked for the whole
 * set in memory and written with a few statements, so 10,000 routes take seconds, not one round trip each.
 */
export async function writeRoutes(tx: Tx, def: AnyResource, store: AnyTenantStore, parent: TenantParent, plan: SectionPlan, log: ApplyLog): Promise<void> {
  const services = await tx.service.findMany({ where: { tenantId: parent.tenantId }, select: { id: true, name: true } });
  const serviceIds = new Map(services.map((s) => [s.name, s.id]));
  const details: ErrorDetail[] = [];
  const toData = (path: string, input: RouteCreate, id: string): RouteData => prepare(path, input, id, serviceIds, details);
  const creates = plan.creates.map((item) => ({ path: item.path, data: toData(item.path, item.input as RouteCreate, randomUUID()) }));
  const updates = plan.updates.map(({ item, current }) => ({ path: item.path, row: current.row as RouteRowWithService, data: toData(item.path, item.input as RouteCreate, current.id) }));
  if (details.length > 0) throw new ValidationError('invalid config document', details);

  const candidates: Candidate[] = [...updates, ...creates].map(({ path, data }) => ({ path, data, match: matchOf(data.id, data.paths, data.methods, data.hosts, data.options) }));
  await assertNoCollision(tx, parent.tenantId, candidates, new Set([...plan.deletes.map((d) => d.id), ...updates.map((u) => u.data.id)]));

  if (plan.deletes.length > 0) {
    const ids = plan.deletes.map((d) => d.id);
    // plugins scoped to a route go with it (foreign key cascade): their items leave in the same revision
    const plugins = await tx.plugin.findMany({ where: { routeId: { in: ids } }, select: { id: true } });
    log.addScope(plugins.map((p) => ({ kind: 'plugin' as const, id: p.id })));
    await tx.$executeRaw`DELETE FROM routes WHERE id = ANY(${ids}::uuid[])`;
    for (const d of plan.deletes) log.record(def, 'route', parent, 'delete', d.key, d.id, { before: store.toDto(d.row) });
  }
  const now = new Date();
  const serviceNames = new Map(services.map((s) => [s.id, s.name]));
  // the rows as written, so the audit's views are the admin API's (toDto) without reading them back
  const rowOf = (data: RouteData, createdAt: Date): RouteRowWithService => ({
    ...data,
    tenantId: parent.tenantId,
    options: data.options as Prisma.JsonValue,
    createdAt,
    updatedAt: now,
    service: { name: serviceNames.get(data.serviceId) ?? '' },
    serviceNames,
  });
  if (updates.length > 0) {
    await tx.$executeRaw`
      UPDATE routes r SET service_id = x.service_id, paths = x.paths, methods = x.methods, hosts = x.hosts, strip_path = x.strip_path,
                          options = x.options, updated_at = ${now}
      FROM jsonb_to_recordset(${recordset(updates.map((u) => u.data))}::jsonb)
           AS x(id uuid, service_id uuid, paths text[], methods text[], hosts text[], strip_path boolean, options jsonb)
      WHERE r.id = x.id`;
    for (const u of updates) log.record(def, 'route', parent, 'update', u.data.name, u.data.id, { before: store.toDto(u.row), after: store.toDto(rowOf(u.data, u.row.createdAt)) });
  }
  if (creates.length > 0) {
    // one statement: Prisma's createMany costs milliseconds per row, this a few for thousands
    await tx.$executeRaw`
      INSERT INTO routes (id, tenant_id, service_id, name, paths, methods, hosts, strip_path, options, created_at, updated_at)
      SELECT x.id, ${parent.tenantId}::uuid, x.service_id, x.name, x.paths, x.methods, x.hosts, x.strip_path, x.options, ${now}, ${now}
      FROM jsonb_to_recordset(${recordset(creates.map((c) => c.data))}::jsonb)
           AS x(id uuid, service_id uuid, name text, paths text[], methods text[], hosts text[], strip_path boolean, options jsonb)`;
    for (const c of creates) log.record(def, 'route', parent, 'create', c.data.name, c.data.id, { after: store.toDto(rowOf(c.data, now)) });
  }
}

/** Rows as one JSON array for jsonb_to_recordset (snake_case columns; JSON arrays become text[]). */
function recordset(rows: RouteData[]): string {
  return JSON.stringify(
    rows.map((r) => ({ id: r.id, service_id: r.serviceId, name: r.name, paths: r.paths, methods: r.methods, hosts: r.hosts, strip_path: r.stripPath, options: r.options })),
  );
}

/** A document route as stored: services resolved to ids (routes.store.ts stores the same shape). */
function prepare(path: string, input: RouteCreate, id: string, serviceIds: Map<string, string>, details: ErrorDetail[]): RouteData {
  const missing = (at: string, ref: string) => details.push({ path: at, message: `service "${ref}" does not exist in this tenant` });
  const serviceId = serviceIds.get(input.service);
  if (!serviceId) missing(`${path}.service`, input.service);
  const options = optionsOf(input, ROUTE_CORE_KEYS);
  const split = options.split as SplitConfig | undefined;
  if (split) {
    options.split = mapSplit(split, (ref, at) => {
      const found = serviceIds.get(ref);
      if (!found) missing(`${path}.${at.replace(/\.(\d+)\./g, '[$1].')}`, ref);
      return found ?? ref;
    }) as unknown as Prisma.InputJsonValue;
  }
  const fallback = options.fallback as FallbackConfig | undefined;
  if (fallback?.service !== undefined) {
    const found = serviceIds.get(fallback.service);
    if (!found) missing(`${path}.fallback.service`, fallback.service);
    else if (found === serviceId) details.push({ path: `${path}.fallback.service`, message: 'must be another service than the route\'s own' });
    else options.fallback = { service: found };
  }
  return {
    id,
    name: input.name,
    serviceId: serviceId ?? '',
    paths: [...new Set(input.paths)],
    methods: [...new Set(input.methods ?? [])],
    hosts: [...new Set(input.hosts ?? [])],
    stripPath: input.stripPath ?? false,
    options,
  };
}

/**
 * No route of the document may collide with another of it, with the tenant's routes it keeps, or with any other
 * tenant's (one listener serves every tenant). Compared path by path in memory: each route meets only the routes
 * sharing one of its paths.
 */
async function assertNoCollision(tx: Tx, tenantId: string, candidates: Candidate[], replaced: ReadonlySet<string>): Promise<void> {
  if (candidates.length === 0) return;
  const allPaths = [...new Set(candidates.flatMap((c) => c.data.paths))];
  const existing: Array<{ id: string; name: string; paths: string[]; methods: string[]; hosts: string[]; options: Prisma.JsonValue; tenantId: string }> = [];
  for (const part of chunks(allPaths)) {
    existing.push(
      ...(await tx.route.findMany({
        where: { paths: { hasSome: part } },
        select: { id: true, name: true, paths: true, methods: true, hosts: true, options: true, tenantId: true },
      })),
    );
  }
  const byPath = new Map<string, Keyed[]>();
  const index = (k: Keyed) => {
    for (const p of k.paths) {
      const bucket = byPath.get(p);
      if (bucket) bucket.push(k);
      else byPath.set(p, [k]);
    }
  };
  const seen = new Set<string>();
  for (const r of existing) {
    if (seen.has(r.id) || replaced.has(r.id)) continue;
    seen.add(r.id);
    const label = collidingRouteLabel(r, tenantId);
    index({ ...matchOf(r.id, r.paths, r.methods ?? [], r.hosts ?? [], readOptions(r.options)), label });
  }
  for (const c of candidates) {
    for (const p of c.data.paths) {
      const hit = byPath.get(p)?.find((k) => k.id !== c.data.id && routesCollide(c.match, k));
      if (hit) {
        const message = `collides with ${hit.label} (same path, method, host, priority and predicates)`;
        throw new AppError(CpErrorCode.CONFLICT, 409, `${c.path}: route ${message}`, [{ path: c.path, message }]);
      }
    }
    index({ ...c.match, label: `${c.path} ("${c.data.name}")` });
  }
}
