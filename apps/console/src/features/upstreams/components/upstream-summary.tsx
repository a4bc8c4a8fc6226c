import type { Upstream } from '@aya/config-schema';
import { ALGORITHM_LABELS } from './algorithm-labels';

function activeSummary(u: Upstream): string {
  const a = u.healthChecks?.active;
  if (!a) return 'off';
  const every = `every ${a.intervalMs / 1000} s`;
  return a.type === 'tcp' ? `TCP connect ${every}` : `${a.type === 'https' ? 'HTTPS ' : ''}${a.method} ${a.path} ${every}${a.expectedStatuses.length ? `, expects ${a.expectedStatuses.join('/')}` : ''}`;
}

function passiveSummary(u: Upstream): string {
  const p = u.healthChecks?.passive;
  return p ? `${p.unhealthyThreshold} failures → out for ${p.cooldownMs / 1000} s` : 'off';
}

function breakerSummary(u: Upstream): string {
  const b = u.circuitBreaker;
  return b ? `opens after ${b.failureThreshold} failures for ${b.openMs / 1000} s, ${b.halfOpenProbes} probe(s)` : 'off';
}

/** The upstream's configuration at a glance, on its detail page. */
export function UpstreamSummary({ upstream: u }: { upstream: Upstream }) {
  const hashOn = u.algorithm === 'consistent-hash' ? (u.hashOn ?? { type: 'ip' as const }) : null;
  const items: ReadonlyArray<[string, string, string]> = [
    ['Algorithm', ALGORITHM_LABELS[u.algorithm] ?? u.algorithm, 'algorithm'],
    ...(hashOn ? [['Hash on', 'name' in hashOn ? `${hashOn.type} ${hashOn.name}` : hashOn.type, 'hash-on'] as [string, string, string]] : []),
    ['Targets', `${u.targets.length} (${u.targets.filter((t) => t.weight === 0).length} drained)`, 'targets'],
    ['Active checks', activeSummary(u), 'active-checks'],
    ['Passive checks', passiveSummary(u), 'passive-checks'],
    ['Circuit breaker', breakerSummary(u), 'circuit-breaker'],
  ];
  return (
    <dl className="summary-grid">
      {items.map(([label, value, id]) => (
        <div key={id} className="summary-item" data-testid={`upstream-summary-${id}`}>
          <dt className="stat-label">{label}</dt>
          <dd className={value === 'off' ? 'muted' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
