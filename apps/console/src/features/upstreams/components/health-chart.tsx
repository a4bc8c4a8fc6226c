import { HISTORY_SAMPLES, sparkline, type PlacedSample } from '../utils/health-history';

const W = 220;
const H = 34;
const STRIP = 6;

const STATE_COLOR: Record<string, string> = {
  healthy: 'var(--color-success)',
  unhealthy: 'var(--color-danger)',
  open: 'var(--color-danger)',
  'half-open': 'var(--color-warning)',
};

/** Latency sparkline over a state timeline strip, from the samples the control plane kept. */
export function HealthChart({ samples, target }: { samples: ReadonlyArray<PlacedSample>; target: string }) {
  const lineH = H - STRIP - 3;
  const { points, max } = sparkline(samples, W, lineH);
  const slot = W / HISTORY_SAMPLES;
  const last = samples.at(-1)?.latencyMs;
  return (
    <figure className="health-chart" data-testid={`health-chart-${target}`} data-samples={samples.length}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Latency and state of ${target} over ${samples.length} of the last ${HISTORY_SAMPLES} sample intervals`}>
        <line x1={0} x2={W} y1={lineH} y2={lineH} className="health-chart-axis" />
        {points ? <polyline points={points} className="health-chart-line" /> : null}
        {samples.map((s) => (
          <rect key={s.at} x={s.slot * slot} y={H - STRIP} width={Math.max(1, slot - 0.6)} height={STRIP} rx={1} fill={STATE_COLOR[s.state] ?? 'var(--color-border-strong)'}>
            <title>{`${new Date(s.at).toLocaleTimeString()}: ${s.state}${s.latencyMs === null ? '' : `, ${Math.round(s.latencyMs)} ms`}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption className="health-chart-caption">
        <span className="mono">{last === undefined || last === null ? '— ms' : `${Math.round(last)} ms`}</span>
        <span className="muted">peak {Math.round(max)} ms</span>
      </figcaption>
    </figure>
  );
}
