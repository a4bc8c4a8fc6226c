import type { Snapshot, SnapshotService, SnapshotUpstream } from '@aya/config-schema';
import { createBalancer } from '../balancer/create-balancer';
import type { TargetStats } from '../balancer/types';
import { Router, type RouterEntry } from '../router/router';
import type { CompiledConfig, RouteMatch, RuntimeRoute, RuntimeService, RuntimeTarget } from './types';

export interface CompileOptions {
  revision: number;
  hash: string;
  /** live counters per origin, kept across revisions; defaults to fresh ones */
  statsFor?: (origin: string) => TargetStats;
}

export function originOf(protocol: string, host: string, port: number): string {
  return `${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function servicePathPrefix(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function makeTarget(
  protocol: string,
  t: { host: string; port: number; weight: number },
  connectTimeoutMs: number,
  statsFor: (origin: string) => TargetStats,
): RuntimeTarget {
  const origin = originOf(protocol, t.host, t.port);
  return {
    key: `${t.host}:${t.port}`,
    host: t.host,
    port: t.port,
    weight: t.weight,
    origin,
    poolKey: `${origin}#${connectTimeoutMs}`,
    connectTimeoutMs,
    stats: statsFor(origin),
  };
}

function compileService(
  s: SnapshotService,
  upstreams: ReadonlyMap<string, SnapshotUpstream>,
  statsFor: (origin: string) => TargetStats,
  warnings: string[],
): RuntimeService {
  let targets: RuntimeTarget[] = [];
  let algorithm: SnapshotUpstream['algorithm'] = 'round-robin';
  if (s.upstreamId !== null) {
    const up = upstreams.get(s.upstreamId);
    if (up) {
      algorithm = up.algorithm;
      targets = up.targets.map((t) => makeTarget(s.protocol, t, s.connectTimeoutMs, statsFor));
    } else {
      warnings.push(`service ${s.name}: upstream ${s.upstreamId} not in snapshot (no targets)`);
    }
  } else if (s.host !== null && s.port !== null) {
    targets = [makeTarget(s.protocol, { host: s.host, port: s.port, weight: 1 }, s.connectTimeoutMs, statsFor)];
  } else {
    warnings.push(`service ${s.name}: neither host:port nor upstream (no targets)`);
  }
  return {
    id: s.id,
    name: s.name,
    balancer: createBalancer(algorithm, targets),
    connectTimeoutMs: s.connectTimeoutMs,
    readTimeoutMs: s.readTimeoutMs,
    retries: Math.max(0, s.retries),
    pathPrefix: servicePathPrefix(s.path),
  };
}

/** Snapshot -> runtime tables. Pure apart from `statsFor`; runs once per revision, off the request path. */
export function compileSnapshot(snapshot: Snapshot, options: CompileOptions): CompiledConfig {
  const statsFor = options.statsFor ?? (() => ({ active: 0 }));
  const warnings: string[] = [];
  const upstreams = new Map(snapshot.upstreams.map((u) => [u.id, u]));
  const services = new Map<string, RuntimeService>();
  for (const s of snapshot.services) services.set(s.id, compileService(s, upstreams, statsFor, warnings));

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
  for (const s of snapshot.services) {
    const svc = services.get(s.id);
    if (svc) for (const key of collectPoolKeys(s, upstreams)) poolKeys.add(key);
  }
  return { revision: options.revision, hash: options.hash, router: new Router(entries), poolKeys, warnings };
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
