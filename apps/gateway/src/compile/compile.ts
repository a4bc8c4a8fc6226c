import type { Snapshot, SnapshotCertificate, SnapshotService, SnapshotUpstream } from '@aya/config-schema';
import type { HealthPlanEntry } from '../health/health-registry';
import { silentLogger } from '../log';
import { PluginCompile, type PluginDefinitions } from '../plugins/compile-plugins';
import { pluginDefinition } from '../plugins/registry';
import { ProcessPluginShared } from '../plugins/shared';
import type { PluginShared } from '../plugins/types';
import { compileResponsePolicy } from '../response/policy';
import { Router, type RouterEntry } from '../router/router';
import { serviceEndpoints, type ServiceEndpoint } from '../tls/upstream-tls';
import { rewritePath } from '../traffic/rewrite';
import { compileFallback } from '../traffic/fallback';
import { compileRouteTraffic } from '../traffic/route-traffic';
import { type CompileCache, nextCache, type RouteSlot, sameServices, sameSources, serviceIdsOf, type ServiceSlot, uniqueIds, usable } from './compile-cache';
import { compileService, healthConfigOf, originOf, poolKeysOf, type Sources } from './compile-service';
import { resolveSources, type StateSources } from './runtime-state';
import type { CompiledConfig, RuntimeRoute, RuntimeService } from './types';

export { healthConfigOf, originOf, servicePathPrefix } from './compile-service';

export interface CompileOptions extends StateSources {
  revision: number;
  hash: string;
  /** the process's PluginShared (gateway.ts); absent: one per compile (tests without plugins' shared state) */
  pluginShared?: PluginShared;
  /** the plugins this gateway knows; absent: registry.ts */
  pluginDefinitions?: PluginDefinitions;
}

/**
 * Snapshot -> runtime tables. Pure apart from the state sources; runs once per revision, off the
 * request path.
 *
 * `previous`: the config applied last (the one whose registries retain() / sync() ran). Items
 * of `snapshot` that are the same objects as in the snapshot `previous` was compiled from are
 * not compiled again: a service is reused while its snapshot object, its upstream and the
 * certificates it names are; a route while its snapshot object and every service it reads (own,
 * split, match) are; the router keeps the tables no changed route touches. The result is the
 * same as a compile without `previous`, warnings included (those of reused items are repeated).
 * Reuse is skipped entirely when the state sources differ or an id occurs twice.
 */
export function compileSnapshot(snapshot: Snapshot, options: CompileOptions, previous?: CompiledConfig): CompiledConfig {
  const { revision, hash, pluginShared, pluginDefinitions, ...sources } = options;
  const src: Sources = resolveSources(sources);
  // a duplicated service id would make the services map (and so reuse by id) ambiguous
  const reusable = previous?.cache !== undefined && sameSources(previous.cache.sources, sources) && uniqueIds(snapshot.services);
  const prev: CompileCache | undefined = reusable ? previous?.cache : undefined;
  const warnings: string[] = [];
  const shared = pluginShared ?? previous?.cache?.plugins.shared ?? new ProcessPluginShared(silentLogger, '', undefined);
  const plugins = new PluginCompile(snapshot, shared, pluginDefinitions ?? pluginDefinition, previous?.cache?.plugins, warnings);
  const cache = nextCache(sources, prev, plugins.cache);

  const upstreams = new Map(snapshot.upstreams.map((u) => [u.id, u]));
  const certificates = new Map<string, SnapshotCertificate>((snapshot.certificates ?? []).map((c) => [c.id, c]));
  const endpointWarnings: string[] = [];
  const endpointOf = serviceEndpoints(snapshot, endpointWarnings);

  const snapServices = new Map<string, SnapshotService>();
  const services = new Map<string, RuntimeService>();
  const poolKeys = new Set<string>();
  for (const s of snapshot.services) {
    const up = s.upstreamId !== null ? upstreams.get(s.upstreamId) : undefined;
    const clientCertificate = s.clientCertificateId ? certificates.get(s.clientCertificateId) : undefined;
    const caCertificate = s.caCertificateId ? certificates.get(s.caCertificateId) : undefined;
    let slot = prev && cache.services.get(s);
    if (!slot || !usable(slot, prev as CompileCache, cache) || slot.upstream !== up || slot.clientCertificate !== clientCertificate || slot.caCertificate !== caCertificate) {
      slot = compileServiceSlot(s, up, clientCertificate, caCertificate, endpointOf, endpointWarnings, src);
      cache.services.set(s, slot);
    }
    slot.seen = cache.generation;
    // the first of a duplicated id, as compileResponsePolicy's own search would find it
    if (!snapServices.has(s.id)) snapServices.set(s.id, s);
    services.set(s.id, slot.runtime);
    for (const w of slot.warnings) warnings.push(w);
    for (const key of slot.poolKeys) poolKeys.add(key);
  }
  registerUnusedUpstreams(snapshot, src);

  const entries: RouterEntry<RuntimeRoute>[] = [];
  for (const r of snapshot.routes) {
    const service = services.get(r.serviceId);
    if (!service) {
      warnings.push(`route ${r.name}: service ${r.serviceId} not in snapshot (route skipped)`);
      continue;
    }
    let slot: RouteSlot | undefined = prev && cache.routes.get(r);
    const routePlugins = plugins.routePlugins(r, slot?.plugins);
    if (!slot || !usable(slot, prev as CompileCache, cache) || !sameServices(slot, r, services) || slot.plugins !== routePlugins) {
      const routeWarnings: string[] = [];
      const t = compileRouteTraffic(r, service, services, routeWarnings);
      // only its own service: compileResponsePolicy would otherwise search every service per route
      const response = compileResponsePolicy(r, { services: [snapServices.get(r.serviceId) as SnapshotService] });
      const fallback = compileFallback(r, services, routeWarnings);
      const route: RuntimeRoute = { id: r.id, name: r.name, service: t.service, stripPath: r.stripPath, response, traffic: t.traffic, fallback, plugins: routePlugins };
      const entry = { route, hosts: r.hosts, paths: r.paths, methods: r.methods, headers: r.headers, query: r.query, priority: r.priority };
      slot = { snap: r, services: serviceIdsOf(r).map((id) => services.get(id)), entry, plugins: routePlugins, warnings: routeWarnings, seen: 0 };
      cache.routes.set(r, slot);
    }
    slot.seen = cache.generation;
    entries.push(slot.entry);
    for (const w of slot.warnings) warnings.push(w);
  }

  const router = new Router(entries, prev ? previous?.router : undefined);
  for (const bad of router.invalid) warnings.push(`route path ${bad} (path skipped)`);
  return {
    revision,
    hash,
    router,
    poolKeys,
    healthPlan: healthPlanOf(snapshot),
    serviceIds: new Set(services.keys()),
    warnings,
    cache,
    pluginInstances: plugins.inUse,
  };
}

function compileServiceSlot(
  s: SnapshotService,
  up: SnapshotUpstream | undefined,
  clientCertificate: SnapshotCertificate | undefined,
  caCertificate: SnapshotCertificate | undefined,
  endpointOf: (s: SnapshotService) => ServiceEndpoint,
  endpointWarnings: string[],
  src: Sources,
): ServiceSlot {
  const endpoint = endpointOf(s);
  // endpointOf reports into one shared list: take this service's part of it
  const warnings = endpointWarnings.splice(0);
  const runtime = compileService(s, up, endpoint, src, warnings);
  return { snap: s, upstream: up, clientCertificate, caCertificate, runtime, poolKeys: poolKeysOf(s, up, endpoint), warnings, seen: 0 };
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

/**
 * Where the request goes upstream: stripPath drops the matched part, then the route's rewrite
 * (first match of its regex, `$1` / `$name` from that match), then the service path is prepended: the
 * service the request goes to (a split's choice), the route's own by default.
 */
export function upstreamPath(route: RuntimeRoute, prefix: string, path: string, service: RuntimeService = route.service): string {
  let rest = path;
  const rewrite = route.traffic?.rewrite;
  if (route.stripPath) {
    rest = path.slice(prefix.length);
    if (rest === '' && !rewrite) return service.pathPrefix || '/';
    if (rest.charCodeAt(0) !== 47 /* / */) rest = `/${rest}`;
  }
  if (rewrite) rest = rewritePath(rest, rewrite.regex, rewrite.replacement);
  return service.pathPrefix + rest;
}
