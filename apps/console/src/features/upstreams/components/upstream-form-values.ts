import {
  DEFAULT_HASH_ON,
  type ActiveHealthCheck,
  type Algorithm,
  type CircuitBreakerConfig,
  type ErrorDetail,
  type HashOn,
  type PassiveHealthCheck,
  type Upstream,
  type UpstreamCreate,
} from '@aya/config-schema';
import { numberText, optionalNumber, optionalNumberList, optionalText } from '../../../lib/form-values';
import { targetWarnings } from './target-warnings';
import type { TargetRow } from './targets-editor';

export type HashOnType = HashOn['type'];

export interface ActiveValues {
  enabled: boolean;
  type: ActiveHealthCheck['type'];
  path: string;
  method: ActiveHealthCheck['method'];
  expectedStatuses: string;
  bodyRegex: string;
  /** https only */
  tlsVerify: boolean;
  tlsServerName: string;
  intervalMs: string;
  timeoutMs: string;
  healthyThreshold: string;
  unhealthyThreshold: string;
}

export interface PassiveValues {
  enabled: boolean;
  unhealthyThreshold: string;
  unhealthyStatuses: string;
  cooldownMs: string;
}

export interface BreakerValues {
  enabled: boolean;
  failureThreshold: string;
  openMs: string;
  halfOpenProbes: string;
}

export interface UpstreamFormValues {
  name: string;
  algorithm: Algorithm;
  targets: TargetRow[];
  hashOn: { type: HashOnType; name: string };
  active: ActiveValues;
  passive: PassiveValues;
  breaker: BreakerValues;
}

export const UPSTREAM_FORM_FIELDS = ['name', 'algorithm', 'targets', 'hashOn', 'healthChecks', 'circuitBreaker'] as const;

/** How a PATCH turns a section off: the contract's "absent" meanings, said explicitly. */
export const UPSTREAM_CLEAR_VALUES = {
  hashOn: DEFAULT_HASH_ON,
  healthChecks: { active: null, passive: null },
  circuitBreaker: null,
};

export const HASH_ON_WITH_NAME: ReadonlyArray<HashOnType> = ['header', 'cookie', 'query'];

function activeValues(a: ActiveHealthCheck | null | undefined): ActiveValues {
  return {
    enabled: Boolean(a),
    type: a?.type ?? 'http',
    path: a?.path ?? '/',
    method: a?.method ?? 'GET',
    expectedStatuses: a?.expectedStatuses.join(', ') ?? '',
    bodyRegex: a?.bodyRegex ?? '',
    tlsVerify: a?.tlsVerify ?? true,
    tlsServerName: a?.tlsServerName ?? '',
    intervalMs: numberText(a?.intervalMs),
    timeoutMs: numberText(a?.timeoutMs),
    healthyThreshold: numberText(a?.healthyThreshold),
    unhealthyThreshold: numberText(a?.unhealthyThreshold),
  };
}

function passiveValues(p: PassiveHealthCheck | null | undefined): PassiveValues {
  return {
    enabled: Boolean(p),
    unhealthyThreshold: numberText(p?.unhealthyThreshold),
    unhealthyStatuses: p?.unhealthyStatuses.join(', ') ?? '',
    cooldownMs: numberText(p?.cooldownMs),
  };
}

function breakerValues(b: CircuitBreakerConfig | null | undefined): BreakerValues {
  return {
    enabled: Boolean(b),
    failureThreshold: numberText(b?.failureThreshold),
    openMs: numberText(b?.openMs),
    halfOpenProbes: numberText(b?.halfOpenProbes),
  };
}

export function toUpstreamValues(upstream?: Upstream): UpstreamFormValues {
  const hashOn = upstream?.hashOn ?? DEFAULT_HASH_ON;
  return {
    name: upstream?.name ?? '',
    algorithm: upstream?.algorithm ?? 'round-robin',
    targets: upstream ? upstream.targets.map((t) => ({ target: t.target, weight: String(t.weight) })) : [{ target: '', weight: '100' }],
    hashOn: { type: hashOn.type, name: 'name' in hashOn ? hashOn.name : '' },
    active: activeValues(upstream?.healthChecks?.active),
    passive: passiveValues(upstream?.healthChecks?.passive),
    breaker: breakerValues(upstream?.circuitBreaker),
  };
}

type HealthChecksInput = NonNullable<UpstreamCreate['healthChecks']>;

function activePayload(a: ActiveValues): HealthChecksInput['active'] {
  if (!a.enabled) return null;
  const http = a.type !== 'tcp';
  const https = a.type === 'https';
  return {
    type: a.type,
    // path, method, statuses and body only mean something to an HTTP(S) probe, TLS settings to HTTPS
    tlsVerify: https && !a.tlsVerify ? false : undefined,
    tlsServerName: https ? optionalText(a.tlsServerName) : undefined,
    path: http ? optionalText(a.path) : undefined,
    method: http ? a.method : undefined,
    expectedStatuses: http ? optionalNumberList(a.expectedStatuses) : undefined,
    bodyRegex: http && a.bodyRegex !== '' ? a.bodyRegex : undefined,
    intervalMs: optionalNumber(a.intervalMs),
    timeoutMs: optionalNumber(a.timeoutMs),
    healthyThreshold: optionalNumber(a.healthyThreshold),
    unhealthyThreshold: optionalNumber(a.unhealthyThreshold),
  };
}

function passivePayload(p: PassiveValues): HealthChecksInput['passive'] {
  if (!p.enabled) return null;
  return {
    unhealthyThreshold: optionalNumber(p.unhealthyThreshold),
    unhealthyStatuses: optionalNumberList(p.unhealthyStatuses),
    cooldownMs: optionalNumber(p.cooldownMs),
  };
}

function hashOnPayload(v: UpstreamFormValues): HashOn | undefined {
  if (v.algorithm !== 'consistent-hash') return undefined;
  const { type, name } = v.hashOn;
  if (type === 'header' || type === 'cookie' || type === 'query') return { type, name: name.trim() };
  return { type };
}

/**
 * Rows without a target are dropped first, on screen too, so `targets.<n>` in an error is the row on screen; when
 * every row is blank the screen keeps them (an empty submit must not take away the row to type in). A target
 * listed twice is refused at its second row.
 */
export function toUpstreamPayload(values: UpstreamFormValues): { payload: UpstreamCreate; values: UpstreamFormValues; errors: ErrorDetail[] } {
  const rows = values.targets.map((t) => ({ target: t.target.trim(), weight: t.weight.trim() })).filter((t) => t.target !== '');
  const duplicates = targetWarnings(rows).rows;
  const active = activePayload(values.active);
  const passive = passivePayload(values.passive);
  const b = values.breaker;
  return {
    values: { ...values, targets: rows.length === 0 ? values.targets : rows },
    errors: Object.entries(duplicates).map(([i, message]) => ({ path: `targets.${i}.target`, message })),
    payload: {
      name: values.name.trim(),
      algorithm: values.algorithm,
      targets: rows.map((t) => ({ target: t.target, weight: t.weight === '' ? 100 : Number(t.weight) })),
      hashOn: hashOnPayload(values),
      // off sections are left out, so an upstream that never had them is not rewritten with nulls
      healthChecks: active || passive ? { active, passive } : undefined,
      circuitBreaker: b.enabled
        ? { failureThreshold: optionalNumber(b.failureThreshold), openMs: optionalNumber(b.openMs), halfOpenProbes: optionalNumber(b.halfOpenProbes) }
        : undefined,
    },
  };
}
