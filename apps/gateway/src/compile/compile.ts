import { SERVICE_DEFAULTS, type Snapshot, type SnapshotService, type SnapshotUpstream } from '@aya/config-schema';
import { createBalancer } from '../balancer/create-balancer';
import type { HealthPlanEntry } from '../health/health-registry';
import { type HealthConfig, TargetHealth } from '../health/target-health';
import { Router, type RouterEntry } from '../router/router';
import { DEFAULT_BUDGET, resolveSources, type StateSources } from './runtime-state';
import type { CompiledConfig, RouteMatch, RuntimeRoute, RuntimeService, RuntimeTarget } from './types';

export interface CompileOptions extends StateSources {
  revision: number;
  hash: string;
}

type Sources = Required<StateSources>;

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
  const origin = originOf(s.protocol, t.host, t.port);
  const key = `${t.host}:${t.port}`;
  const stats = src.statsFor(origin);
  return {
    key,
    host: t.host,
    port: t.port,
    weight: t.weight,
    origin,
    poolKey: `${origin}#${s.connectTimeoutMs}`,
    connectTimeoutMs: s.connectTimeoutMs,
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
  const src = resolveSources(options);
  const warnings: string[] = [];
  const upstreams = new Map(snapshot.upstreams.map((u) => [u.id, u]));
  const services = new Map<string, RuntimeService>();
  for (const s of snapshot.services) services.set(s.id, compileService(s, upstreams, src, warnings));

  const entries: RouterEntry<RouteMatch>[] = [];
  for (const r of snapshot.routes) {
    const service = services.get(r.serviceId);
    if (!service) {
      warnings.push(`route ${r.name}: service ${r.serviceId} not in snapshot (route skipped)`);
      continue;
    }
    const route: RuntimeRoute = { id: r.id, name: r.name, service, stripPath: r.stripPath };
    entries.push({
      hosts: r.hosts,
      paths: r.paths,
      methods: r.methods,
      valueFor: (prefix) => ({ route, prefix }),
    });
  }

  const poolKeys = new Set<string>();
  for (const s of snapshot.services) for (const key of collectPoolKeys(s, upstreams)) poolKeys.add(key);
  return {
    revision: options.revision,
    hash: options.hash,
    router: new Router(entries),
    poolKeys,
    healthPlan: healthPlanOf(snapshot),
    serviceIds: new Set(services.keys()),
    warnings,
  };
}

/** Every upstream target of this revision: the health registry drops (and stops checking) the others. */
function healthPlanOf(snapshot: Snapshot): HealthPlanEntry[] {
  return snapshot.upstreams.flatMap((u) => u.targets.map((t) => ({ upstreamId: u.id, key: `${t.host}:${t.port}`, host: t.host, port: t.port })));
}

function collectPoolKeys(s: SnapshotService, upstreams: ReadonlyMap<string, SnapshotUpstream>): string[] {
  const up = s.upstreamId !== null ? upstreams.get(s.upstreamId) : undefined;
  const list = up ? up.targets : s.host !== null && s.port !== null ? [{ host: s.host, port: s.port }] : [];
  return list.map((t) => `${originOf(s.protocol, t.host, t.port)}#${s.connectTimeoutMs}`);
}

/** Where the request goes upstream: stripPath drops the matched prefix, the service path is prepended. */
export function upstreamPath(route: RuntimeRoute, prefix: string, path: string): string {
  let rest = path;
  if (route.stripPath) {
    rest = path.slice(prefix.length);
    if (rest === '') return route.service.pathPrefix || '/';
    if (rest.charCodeAt(0) !== 47 /* / */) rest = `/${rest}`;
  }
  return route.service.pathPrefix + rest;
}
