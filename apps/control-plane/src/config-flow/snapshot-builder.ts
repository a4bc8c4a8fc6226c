import {
  ALGORITHMS,
  HTTP_METHODS,
  SERVICE_DEFAULTS,
  parseServiceUrl,
  type Algorithm,
  type HttpMethod,
  type Snapshot,
  type SnapshotRoute,
  type SnapshotService,
  type SnapshotUpstream,
} from '@aya/config-schema';

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
  }>;
  upstreams: Array<{ id: string; tenantId: string; name: string; algorithm: string; targets: unknown }>;
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

/**
 * Compiles rows into the gateway snapshot: names become ids (upstream://name -> upstreamId), urls are parsed,
 * defaults applied, so the gateway resolves nothing at request time. Pure; arrays keep the input order.
 */
export function buildSnapshot(revision: number, rows: SnapshotRows): Snapshot {
  const slugOf = new Map(rows.tenants.map((t) => [t.id, t.slug]));
  const tenantSlug = (tenantId: string): string => {
    const slug = slugOf.get(tenantId);
    if (slug === undefined) throw new SnapshotBuildError(`unknown tenant ${tenantId}`);
    return slug;
  };
  const upstreamIdByName = new Map(rows.upstreams.map((u) => [`${u.tenantId}/${u.name}`, u.id]));

  const upstreams: SnapshotUpstream[] = rows.upstreams.map((u) => {
    if (!isAlgorithm(u.algorithm)) throw new SnapshotBuildError(`upstream ${u.id}: unknown algorithm ${u.algorithm}`);
    return {
      id: u.id,
      tenant: tenantSlug(u.tenantId),
      name: u.name,
      algorithm: u.algorithm,
      targets: readTargets(u.targets).map((t) => ({ ...parseTarget(t.target), weight: t.weight })),
    };
  });

  const services: SnapshotService[] = rows.services.map((s) => {
    const parsed = parseServiceUrl(s.url);
    if (!parsed) throw new SnapshotBuildError(`service ${s.id}: invalid url`);
    const common = {
      id: s.id,
      tenant: tenantSlug(s.tenantId),
      name: s.name,
      path: parsed.path,
      connectTimeoutMs: s.connectTimeoutMs ?? SERVICE_DEFAULTS.connectTimeoutMs,
      readTimeoutMs: s.readTimeoutMs ?? SERVICE_DEFAULTS.readTimeoutMs,
      retries: s.retries ?? SERVICE_DEFAULTS.retries,
    };
    if (parsed.kind === 'url') {
      return { ...common, protocol: parsed.protocol, host: parsed.host, port: parsed.port, upstreamId: null };
    }
    const upstreamId = upstreamIdByName.get(`${s.tenantId}/${parsed.upstream}`);
    if (!upstreamId) throw new SnapshotBuildError(`service ${s.id}: upstream "${parsed.upstream}" not found`);
    return { ...common, protocol: 'http', host: null, port: null, upstreamId };
  });

  const routes: SnapshotRoute[] = rows.routes.map((r) => ({
    id: r.id,
    tenant: tenantSlug(r.tenantId),
    name: r.name,
    serviceId: r.serviceId,
    paths: [...r.paths],
    methods: (r.methods ?? []).filter(isMethod),
    hosts: [...(r.hosts ?? [])],
    stripPath: r.stripPath,
  }));

  return { revision, services, routes, upstreams };
}
