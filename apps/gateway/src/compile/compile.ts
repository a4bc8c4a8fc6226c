import { SERVICE_DEFAULTS, type Snapshot, type SnapshotService, type SnapshotUpstream } from '@aya/config-schema';
import { createBalancer } from '../balancer/create-balancer';
import type { HealthPlanEntry } from '../health/health-registry';
import { type HealthConfig, TargetHealth } from '../health/target-health';
import { compileResponsePolicy } from '../response/policy';
import { poolKeyOf, serviceEndpoints, type ServiceEndpoint } from '../tls/upstream-tls';
import { Router, type RouterEntry } from '../router/router';
import { rewritePath } from '../traffic/rewrite';
import { compileRouteTraffic } from '../traffic/route-traffic';
import { DEFAULT_BUDGET, resolveSources, type StateSources } from './runtime-state';
import type { CompiledConfig, RuntimeRoute, RuntimeService, RuntimeTarget } from './types';

export interface CompileOptions extends StateSources {
  revision: number;
  hash: string;
}

/** + how each service's targets are reached (scheme, TLS, HTTP/2), resolved once per revision */
type Sources = Required<StateSources> & { endpointOf: (s: SnapshotService) => ServiceEndpoint };

const DEFAULT_FAILURE_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

export function originOf(protocol: string, host: string, port: number): string {
  return `${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function servicePathPrefix(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

export function healthConfigOf(up: SnapshotUpstream): HealthConfig {
  return { active: up.healthChecks?.active ?? null, passive: up.healthChecks?.passive ?? null, breaker: up.circuitBreaker ?? null };
}

function makeTarget(
  s: SnapshotService,
  t: { host: string; port: number; weight: number },
  gateFor: (t: { host: string; port: number }, key: string, stats: RuntimeTarget['stats']) => TargetHealth,
  failureStatuses: ReadonlySet<number>,
  src: Sources,
): RuntimeTarget {
  const endpoint = src.endpointOf(s);
  const origin = originOf(endpoint.scheme, t.host, t.port);
  const key = `${t.host}:${t.port}`;
  const stats = src.statsFor(origin);
  return {
    key,
    host: t.host,
    port: t.port,
    weight: t.weight,
    origin,
    poolKey: poolKeyOf(origin, s.connectTimeoutMs, endpoint),
    connectTimeoutMs: s.connectTimeoutMs,
    endpoint,
    stats,
    gate: gateFor(t, key, stats),
    failureStatuses,
  };
}

function compileService(
  s: SnapshotService,
  upstreams: ReadonlyMap<string, SnapshotUpstream>,
  src: Sources,
  warnings: string[],
): RuntimeService {
  let targets: RuntimeTarget[] = [];
  let up: SnapshotUpstream | undefined;
  if (s.upstreamId !== null) {
    up = upstreams.get(s.upstreamId);
    if (up) {
      const u = up;
      const health = healthConfigOf(u);
      const statuses = health.passive ? new Set(health.passive.unhealthyStatuses) : DEFAULT_FAILURE_STATUSES;
      const gateFor = (t: { host: string; port: number }, key: string, stats: RuntimeTarget['stats']) =>
        src.healthFor(u.id, key, t.host, t.port, health, stats);
      targets = u.targets.map((t) => makeTarget(s, t, gateFor, statuses, src));
    } else {
      warnings.push(`service ${s.name}: upstream ${s.upstreamId} not in snapshot (no targets)`);
    }
  } else if (s.host !== null && s.port !== null) {
    // a single host has nothing to fail over to: no health state, it is always tried
    const gateFor = (_t: unknown, key: string) => new TargetHealth('', key);
    targets = [makeTarget(s, { host: s.host, port: s.port, weight: 1 }, gateFor, DEFAULT_FAILURE_STATUSES, src)];
  } else {
    warnings.push(`service ${s.name}: neither host:port nor upstream (no targets)`);
  }
  return {
    id: s.id,
    name: s.name,
    balancer: createBalancer(up?.algorithm ?? 'round-robin', targets, { hashOn: up?.hashOn }),
    targets,
    connectTimeoutMs: s.connectTimeoutMs,
    sendTimeoutMs: s.sendTimeoutMs ?? SERVICE_DEFAULTS.sendTimeoutMs,
    readTimeoutMs: s.readTimeoutMs,
    totalTimeoutMs: s.totalTimeoutMs ?? 0,
    retries: Math.max(0, s.retries),
    retryBudget: src.budgetFor(s.id, s.retryBudget ?? DEFAULT_BUDGET),
    pathPrefix: servicePathPrefix(s.path),
  };
}

/** Snapshot -> runtime tables. Pure apart from the state sources; runs once per revision, off the request path. */
export function compileSnapshot(snapshot: Snapshot, options: CompileOptions): CompiledConfig {
  const warnings: string[] = [];
  const src: Sources = { ...resolveSources(options), endpointOf: serviceEndpoints(snapshot, warnings) };
  const upstreams = new Map(snapshot.upstreams.map((u) => [u.id, u]));
  const services = new Map<string, RuntimeService>();
  for (const s of snapshot.services) services.set(s.id, compileService(s, upstreams, src, warnings));
  registerUnusedUpstreams(snapshot, src);

  const entries: RouterEntry<RuntimeRoute>[] = [];
  for (const r of snapshot.routes) {
    const service = services.get(r.serviceId);
    if (!service) {
      warnings.push(`route ${r.name}: service ${r.serviceId} not in snapshot (route skipped)`);
      continue;
    }
    const t = compileRouteTraffic(r, service, services, warnings);
    const route: RuntimeRoute = { id: r.id, name: r.name, service: t.service, stripPath: r.stripPath, response: compileResponsePolicy(r, snapshot), traffic: t.traffic };
    entries.push({ route, hosts: r.hosts, paths: r.paths, methods: r.methods, headers: r.headers, query: r.query, priority: r.priority });
  }

  const router = new Router(entries);
  for (const bad of router.invalid) warnings.push(`route path ${bad} (path skipped)`);
  const poolKeys = new Set<string>();
  for (const s of snapshot.services) for (const key of collectPoolKeys(s, upstreams, src.endpointOf(s))) poolKeys.add(key);
  return {
    revision: options.revision,
    hash: options.hash,
    router,
    poolKeys,
    healthPlan: healthPlanOf(snapshot),
    serviceIds: new Set(services.keys()),
    warnings,
  };
}

/**
 * Targets of upstreams no service uses yet are still health-checked and reported, as Kong does:
 * an operator adds an upstream, watches its targets turn healthy, then points a service at it.
 */
function registerUnusedUpstreams(snapshot: Snapshot, src: Sources): void {
  const used = new Set(snapshot.services.map((s) => s.upstreamId));
  for (const u of snapshot.upstreams) {
    if (used.has(u.id)) continue;
    const health = healthConfigOf(u);
    for (const t of u.targets) src.healthFor(u.id, `${t.host}:${t.port}`, t.host, t.port, health, src.statsFor(originOf('http', t.host, t.port)));
  }
}

/** Every upstream target of this revision: the health registry drops (and stops checking) the others. */
function healthPlanOf(snapshot: Snapshot): HealthPlanEntry[] {
  return snapshot.upstreams.flatMap((u) => u.targets.map((t) => ({ upstreamId: u.id, key: `${t.host}:${t.port}`, host: t.host, port: t.port })));
}

function collectPoolKeys(s: SnapshotService, upstreams: ReadonlyMap<string, SnapshotUpstream>, endpoint: ServiceEndpoint): string[] {
  const up = s.upstreamId !== null ? upstreams.get(s.upstreamId) : undefined;
  const list = up ? up.targets : s.host !== null && s.port !== null ? [{ host: s.host, port: s.port }] : [];
  return list.map((t) => poolKeyOf(originOf(endpoint.scheme, t.host, t.port), s.connectTimeoutMs, endpoint));
}

/**
 * Where the request goes upstream: stripPath drops the matched part, then the route's rewrite
 * (first match of its regex, `$1` / `$name` from that match), then the service path is prepended.
 */
export function upstreamPath(route: RuntimeRoute, prefix: string, path: string): string {
  let rest = path;
  const rewrite = route.traffic?.rewrite;
  if (route.stripPath) {
    rest = path.slice(prefix.length);
    if (rest === '' && !rewrite) return route.service.pathPrefix || '/';
    if (rest.charCodeAt(0) !== 47 /* / */) rest = `/${rest}`;
  }
  if (rewrite) rest = rewritePath(rest, rewrite.regex, rewrite.replacement);
  return route.service.pathPrefix + rest;
}
