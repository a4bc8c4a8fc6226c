import { lazy, Suspense, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { DonutSegment } from './summary-donut';

// recharts is large: its chunk loads with the first chart, not with the console
const SummaryDonut = lazy(async () => ({ default: (await import('./summary-donut')).SummaryDonut }));

export interface SummaryCardProps {
  title: string;
  /** testid prefix of the legend's counts: `<id>-<segment key>` */
  id: string;
  segments: DonutSegment[];
  /** said instead of a chart when every part is 0 */
  empty: ReactNode;
  link: { to: string; label: string };
  children?: ReactNode;
}

/** A dashboard card: a ring chart of a summary and a legend with the numbers, linking to the page behind it. */
export function SummaryCard({ title, id, segments, empty, link, children }: SummaryCardProps) {
  const total = segments.reduce((sum, s) => sum + s.value, 0);
  return (
    <section className="card home-card" aria-labelledby={`${id}-title`} data-testid={`${id}-card`}>
      <div className="home-card-head">
        <h2 id={`${id}-title`} className="home-card-title">
          {title}
        </h2>
        <Link to={link.to} className="home-card-link">
          {link.label}
        </Link>
      </div>
      {total === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="summary">
          <Suspense fallback={<div className="summary-donut" aria-hidden="true" />}>
            <SummaryDonut segments={segments} />
          </Suspense>
          <ul className="summary-legend">
            {segments.map((s) => (
              <li key={s.key}>
                <span className="summary-swatch" style={{ background: s.color }} aria-hidden="true" />
                <span>{s.label}</span>
                <strong data-testid={`${id}-${s.key}`}>{s.value}</strong>
              </li>
            ))}
          </ul>
        </div>
      )}
      {children}
    </section>
  );
}
