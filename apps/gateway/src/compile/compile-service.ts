import { SERVICE_DEFAULTS, type SnapshotService, type SnapshotUpstream } from '@aya/config-schema';
import { createBalancer } from '../balancer/create-balancer';
import { type HealthConfig, type PassivePolicy, TargetHealth } from '../health/target-health';
import { poolKeyOf, type ServiceEndpoint } from '../tls/upstream-tls';
import { DEFAULT_BUDGET, type StateSources } from './runtime-state';
import type { RuntimeService, RuntimeTarget } from './types';

/** the state sources, resolved */
export type Sources = Required<StateSources>;

const DEFAULT_FAILURE_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

export function originOf(protocol: string, host: string, port: number): string {
  return `${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function servicePathPrefix(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/**
 * Passive health of an upstream that configures no health checks but has two or more targets to
 * choose from: 3 connect failures in a row take a target out for 5 s, then one trial request
 * settles whether it is back. A lone target is never taken out: it has nothing to fail over to,
 * and trying it (502) beats refusing (503) for the whole cool-down.
 */
export const DEFAULT_PASSIVE: PassivePolicy = { unhealthyThreshold: 3, cooldownMs: 5_000, connectFailuresOnly: true };

export function healthConfigOf(up: SnapshotUpstream): HealthConfig {
  const configured = up.healthChecks;
  let passive: PassivePolicy | null = null;
  if (configured?.passive) passive = { unhealthyThreshold: configured.passive.unhealthyThreshold, cooldownMs: configured.passive.cooldownMs, connectFailuresOnly: false };
  // any healthChecks object is the operator's choice (passive: null switches passive checks off)
  else if (!configured && up.targets.filter((t) => t.weight > 0).length >= 2) passive = DEFAULT_PASSIVE;
  return { active: configured?.active ?? null, passive, breaker: up.circuitBreaker ?? null };
}

function makeTarget(
  s: SnapshotService,
  t: { host: string; port: number; weight: number },
  gateFor: (t: { host: string; port: number }, key: string, stats: RuntimeTarget['stats']) => TargetHealth,
  failureStatuses: ReadonlySet<number>,
  endpoint: ServiceEndpoint,
  src: Sources,
): RuntimeTarget {
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

/**
 * One service. Reads only `s`, `up` (the upstream it names, when in the snapshot), `endpoint`
 * (resolved from `s` and the certificates it names) and the state sources: compile.ts reuses
 * the result while those inputs are the same objects.
 */
export function compileService(s: SnapshotService, up: SnapshotUpstream | undefined, endpoint: ServiceEndpoint, src: Sources, warnings: string[]): RuntimeService {
  let targets: RuntimeTarget[] = [];
  if (s.upstreamId !== null) {
    if (up) {
      const u = up;
      const health = healthConfigOf(u);
      const configuredPassive = u.healthChecks?.passive;
      const statuses = configuredPassive ? new Set(configuredPassive.unhealthyStatuses) : DEFAULT_FAILURE_STATUSES;
      const gateFor = (t: { host: string; port: number }, key: string, stats: RuntimeTarget['stats']) =>
        src.healthFor(u.id, key, t.host, t.port, health, stats);
      targets = u.targets.map((t) => makeTarget(s, t, gateFor, statuses, endpoint, src));
    } else {
      warnings.push(`service ${s.name}: upstream ${s.upstreamId} not in snapshot (no targets)`);
    }
  } else if (s.host !== null && s.port !== null) {
    // a single host has nothing to fail over to: no health state, it is always tried
    const gateFor = (_t: unknown, key: string) => new TargetHealth('', key);
    targets = [makeTarget(s, { host: s.host, port: s.port, weight: 1 }, gateFor, DEFAULT_FAILURE_STATUSES, endpoint, src)];
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

/** every pool key the service may use (its upstream's targets, or its single host) */
export function poolKeysOf(s: SnapshotService, up: SnapshotUpstream | undefined, endpoint: ServiceEndpoint): string[] {
  const list = up ? up.targets : s.host !== null && s.port !== null ? [{ host: s.host, port: s.port }] : [];
  return list.map((t) => poolKeyOf(originOf(endpoint.scheme, t.host, t.port), s.connectTimeoutMs, endpoint));
}
