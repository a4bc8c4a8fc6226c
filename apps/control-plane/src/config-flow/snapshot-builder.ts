import {
  ALGORITHMS,
  SNAPSHOT_LIST,
  type ConfigItem,
  type ConfigKind,
  HTTP_METHODS,
  SERVICE_DEFAULTS,
  parseServiceUrl,
  serviceProtocolOf,
  snapshotRouteSchema,
  snapshotServiceSchema,
  snapshotUpstreamSchema,
  type Algorithm,
  type ServiceProtocol,
  type SnapshotCertificate,
  type SnapshotConsumer,
  type SnapshotCredential,
  type SnapshotPlugin,
  type SnapshotSplit,
  type SnapshotFallback,
  type HttpMethod,
  type Snapshot,
  type SnapshotRoute,
  type SnapshotService,
  type SnapshotUpstream,
} from '@aya/config-schema';
import { pickOptions, readOptions } from '../common/options';
import { optionServiceIds, type FallbackConfig, type SplitConfig } from '../routes/route-mapper';

/** Database rows the snapshot is compiled from (a subset of the Prisma models). */
export interface SnapshotRows {
  tenants: Array<{ id: string; slug: string }>;
  services: Array<{
    id: string;
    tenantId: string;
    name: string;
    url: string;
    connectTimeoutMs: number | null;
    readTimeoutMs: number | null;
    retries: number | null;
    options?: unknown;
  }>;
  routes: Array<{
    id: string;
    tenantId: string;
    serviceId: string;
    name: string;
    paths: string[];
    methods: string[] | null;
    hosts: string[] | null;
    stripPath: boolean;
    options?: unknown;
  }>;
  upstreams: Array<{ id: string; tenantId: string; name: string; algorithm: string; targets: unknown; options?: unknown }>;
  /** `key` as stored (sealed): the config writer hashes the unsealed snapshot, stores this one */
  certificates?: SnapshotCertificate[];
  /** already items (their snapshot parts: plugins/, consumers/): jwt secrets sealed for gateways, key and password hashes only */
  plugins?: SnapshotPlugin[];
  consumers?: SnapshotConsumer[];
  credentials?: SnapshotCredential[];
}

export class SnapshotBuildError extends Error {}

/** `host:port` or `[v6]:port` -> parts (the brackets are dropped: the gateway connects to the address). */
export function parseTarget(target: string): { host: string; port: number } {
  const i = target.lastIndexOf(':');
  const rawHost = target.slice(0, i);
  const port = Number(target.slice(i + 1));
  if (i <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SnapshotBuildError(`invalid target "${target}"`);
  }
  const host = rawHost.startsWith('[') && rawHost.endsWith(']') ? rawHost.slice(1, -1) : rawHost;
  return { host, port };
}

const isAlgorithm = (v: string): v is Algorithm => (ALGORITHMS as readonly string[]).includes(v);
const isMethod = (v: string): v is HttpMethod => (HTTP_METHODS as readonly string[]).includes(v);

function readTargets(raw: unknown): Array<{ target: string; weight: number }> {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (t): t is { target: string; weight: number } =>
      typeof t === 'object' && t !== null && typeof (t as { target?: unknown }).target === 'string' &&
      typeof (t as { weight?: unknown }).weight === 'number',
  );
}

type Row<K extends 'services' | 'routes' | 'upstreams'> = SnapshotRows[K][number];

/** What building one item needs to know about the others: names resolve to ids here, once. */
export interface BuildContext {
  tenantSlug(tenantId: string): string;
  upstreamId(tenantId: string, name: string): string | undefined;
  hasService(id: string): boolean;
}

export function buildContext(
  tenants: ReadonlyArray<{ id: string; slug: string }>,
  upstreams: ReadonlyArray<{ id: string; tenantId: string; name: string }>,
  serviceIds: Iterable<string>,
): BuildContext {
  const slugOf = new Map(tenants.map((t) => [t.id, t.slug]));
  const upstreamIdByName = new Map(upstreams.map((u) => [`${u.tenantId}/${u.name}`, u.id]));
  const services = new Set(serviceIds);
  return {
    tenantSlug(tenantId) {
      const slug = slugOf.get(tenantId);
      if (slug === undefined) throw new SnapshotBuildError(`unknown tenant ${tenantId}`);
      return slug;
    },
    upstreamId: (tenantId, name) => upstreamIdByName.get(`${tenantId}/${name}`),
    hasService: (id) => services.has(id),
  };
}

export function buildUpstream(u: Row<'upstreams'>, ctx: BuildContext): SnapshotUpstream {
  if (!isAlgorithm(u.algorithm)) throw new SnapshotBuildError(`upstream ${u.id}: unknown algorithm ${u.algorithm}`);
  return {
    // options the snapshot declares (hashOn, healthChecks...); absent ones stay absent so hashes do not move
    ...pickOptions(readOptions(u.options), snapshotUpstreamSchema.shape),
    id: u.id,
    tenant: ctx.tenantSlug(u.tenantId),
    name: u.name,
    algorithm: u.algorithm,
    targets: readTargets(u.targets).map((t) => ({ ...parseTarget(t.target), weight: t.weight })),
  };
}

export function buildService(s: Row<'services'>, ctx: BuildContext): SnapshotService {
  const parsed = parseServiceUrl(s.url);
  if (!parsed) throw new SnapshotBuildError(`service ${s.id}: invalid url`);
  const options = readOptions(s.options);
  const common = {
    ...pickOptions(options, snapshotServiceSchema.shape),
    id: s.id,
    tenant: ctx.tenantSlug(s.tenantId),
    name: s.name,
    path: parsed.path,
    connectTimeoutMs: s.connectTimeoutMs ?? SERVICE_DEFAULTS.connectTimeoutMs,
    readTimeoutMs: s.readTimeoutMs ?? SERVICE_DEFAULTS.readTimeoutMs,
    retries: s.retries ?? SERVICE_DEFAULTS.retries,
  };
  if (parsed.kind === 'url') {
    return { ...common, protocol: parsed.protocol, host: parsed.host, port: parsed.port, upstreamId: null };
  }
  const upstreamId = ctx.upstreamId(s.tenantId, parsed.upstream);
  if (!upstreamId) throw new SnapshotBuildError(`service ${s.id}: upstream "${parsed.upstream}" not found`);
  const protocol = serviceProtocolOf(parsed, options.protocol as ServiceProtocol | undefined);
  return { ...common, protocol, host: null, port: null, upstreamId };
}

export function buildRoute(r: Row<'routes'>, ctx: BuildContext): SnapshotRoute {
  const options = readOptions(r.options);
  const split = options.split ? snapshotSplit(r.id, options.split as SplitConfig, ctx) : undefined;
  const fallback = options.fallback ? snapshotFallback(r.id, options.fallback as FallbackConfig, ctx) : undefined;
  return {
    ...pickOptions(options, snapshotRouteSchema.shape, ['split', 'fallback']),
    ...(split ? { split } : {}),
    ...(fallback ? { fallback } : {}),
    id: r.id,
    tenant: ctx.tenantSlug(r.tenantId),
    name: r.name,
    serviceId: r.serviceId,
    paths: [...r.paths],
    methods: (r.methods ?? []).filter(isMethod),
    hosts: [...(r.hosts ?? [])],
    stripPath: r.stripPath,
  };
}

/** Service ids a route row's split and fallback name (so a partial build can check just those exist). */
export function routeOptionServiceIds(r: Row<'routes'>): string[] {
  return optionServiceIds(readOptions(r.options));
}

/** Lists every snapshot has; the others only when non-empty, so a config without them hashes as before they existed. */
const REQUIRED_LISTS: ReadonlySet<ConfigKind> = new Set(['service', 'route', 'upstream']);

/** The snapshot of some items, kind by kind (as loadItems returns them). */
export function assembleSnapshot(revision: number, items: ReadonlyArray<readonly [ConfigKind, readonly ConfigItem[]]>): Snapshot {
  const lists: Record<string, readonly ConfigItem[]> = { services: [], routes: [], upstreams: [] };
  for (const [kind, list] of items) if (list.length > 0 || REQUIRED_LISTS.has(kind)) lists[SNAPSHOT_LIST[kind]] = list;
  // each list holds the items of its kind (ConfigItemOf): what Snapshot declares
  return { revision, ...lists } as unknown as Snapshot;
}

/**
 * Compiles rows into the gateway snapshot: names become ids (upstream://name -> upstreamId), urls are parsed,
 * defaults applied, so the gateway resolves nothing at request time. Pure; arrays keep the input order. (At run
 * time each resource's snapshot part builds its items with the same functions: see loadItems.)
 */
export function buildSnapshot(revision: number, rows: SnapshotRows): Snapshot {
  const ctx = buildContext(rows.tenants, rows.upstreams, rows.services.map((s) => s.id));
  return assembleSnapshot(revision, [
    ['service', rows.services.map((s) => buildService(s, ctx))],
    ['route', rows.routes.map((r) => buildRoute(r, ctx))],
    ['upstream', rows.upstreams.map((u) => buildUpstream(u, ctx))],
    ['certificate', rows.certificates ?? []],
    ['plugin', rows.plugins ?? []],
    ['consumer', rows.consumers ?? []],
    ['credential', rows.credentials ?? []],
  ]);
}

/** Admin fallback (a service by id, see RoutesStore, or a response) -> snapshot fallback. */
function snapshotFallback(routeId: string, fallback: FallbackConfig, ctx: BuildContext): SnapshotFallback {
  if (fallback.response) return { response: { ...fallback.response } };
  const id = fallback.service ?? '';
  if (!ctx.hasService(id)) throw new SnapshotBuildError(`route ${routeId}: fallback service ${id} not found`);
  return { serviceId: id };
}

/** Admin split (services by id, see RoutesStore) -> snapshot split (`serviceId`). */
function snapshotSplit(routeId: string, split: SplitConfig, ctx: BuildContext): SnapshotSplit {
  const id = (ref: string): string => {
    if (!ctx.hasService(ref)) throw new SnapshotBuildError(`route ${routeId}: split service ${ref} not found`);
    return ref;
  };
  return {
    services: split.services.map((s) => ({ serviceId: id(s.service), weight: s.weight })),
    ...(split.match
      ? {
          match: split.match.map((m) =>
            'header' in m ? { header: m.header, value: m.value, serviceId: id(m.service) } : { cookie: m.cookie, value: m.value, serviceId: id(m.service) },
          ),
        }
      : {}),
  };
}
