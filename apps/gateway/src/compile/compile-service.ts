import { SERVICE_DEFAULTS, type SnapshotService, type SnapshotUpstream } from '@aya/config-schema';
import { createBalancer } from '../balancer/create-balancer';
import { EjectionGuard, type HealthConfig, type PassivePolicy, TargetHealth } from '../health/target-health';
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
 * choose from: 3 attempts in a row the target left without an answer (no connection, or no response
 * head within the connect / read timeout) take it out for 5 s, then one trial request settles whether
 * it is back; never the last target still in rotation (EjectionGuard, built per upstream by
 * healthConfigOf). A lone target is never taken out: it has nothing to fail over to, and trying it
 * (502 / 504) beats refusing (503) for the whole cool-down.
 */
export const DEFAULT_PASSIVE: Omit<PassivePolicy, 'guard'> = { unhealthyThreshold: 3, cooldownMs: 5_000, countsOnlySilence: true };

/**
 * The upstream's health config for its targets in rotation (weight > 0). A configured passive policy
 * is the operator's explicit choice and has no guard: it may take every target out (as today, and as
 * nginx, Kong and APISIX do), e.g. to refuse fast while active checks say the upstream is down.
 */
export function healthConfigOf(up: SnapshotUpstream): HealthConfig {
  const configured = up.healthChecks;
  let passive: PassivePolicy | null = null;
  const inRotation = up.targets.filter((t) => t.weight > 0).length;
  if (configured?.passive) {
    passive = { unhealthyThreshold: configured.passive.unhealthyThreshold, cooldownMs: configured.passive.cooldownMs, countsOnlySilence: false, guard: null };
  }
  // any healthChecks object is the operator's choice (passive: null switches passive checks off)
  else if (!configured && inRotation >= 2) passive = { ...DEFAULT_PASSIVE, guard: new EjectionGuard(inRotation) };
  return { active: configured?.active ?? null, passive, breaker: up.circuitBreaker ?? null };
}

/**
 * A drained target (weight 0) gets no new requests, so no trial would ever bring it back: it stays
 * outside the guard, where being out would block the others' ejection for good.
 */
function drainedConfigOf(health: HealthConfig): HealthConfig {
  return health.passive?.guard ? { ...health, passive: { ...health.passive, guard: null } } : health;
}

function makeTarget(
  s: SnapshotService,
  t: { host: string; port: number; weight: number },
  gateFor: (t: { host: string; port: number; weight: number }, key: string, stats: RuntimeTarget['stats']) => TargetHealth,
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
      const drained = drainedConfigOf(health);
      const configuredPassive = u.healthChecks?.passive;
      const statuses = configuredPassive ? new Set(configuredPassive.unhealthyStatuses) : DEFAULT_FAILURE_STATUSES;
      const gateFor = (t: { host: string; port: number; weight: number }, key: string, stats: RuntimeTarget['stats']) =>
        src.healthFor(u.id, key, t.host, t.port, t.weight > 0 ? health : drained, stats);
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
