import type { Upstream } from '@aya/config-schema';
import type { Column } from '../../../components/data-table';
import type { SortBy } from '../../../lib/sort-by';
import type { TargetHealth } from '../api/get-upstream-health';
import { UpstreamHealthCell } from './upstream-health-cell';

const SHOWN_TARGETS = 4;

function Targets({ targets }: { targets: Upstream['targets'] }) {
  if (targets.length === 0) return <span className="muted">none</span>;
  return (
    <span className="tag-list">
      {targets.slice(0, SHOWN_TARGETS).map((t) => (
        <code key={t.target} className={`tag${t.weight === 0 ? ' tag-drained' : ''}`} title={`weight ${t.weight}`}>
          {t.target} · {t.weight}
        </code>
      ))}
      {targets.length > SHOWN_TARGETS ? <span className="muted">+{targets.length - SHOWN_TARGETS} more</span> : null}
    </span>
  );
}

/** The page's health by upstream id (one batch call), and whether that call failed. */
export interface PageHealth {
  byId: ReadonlyMap<string, readonly TargetHealth[]> | undefined;
  failed: boolean;
}

/** The upstreams list's columns after Name: Algorithm sorts; Health is what the gateways report. */
export function upstreamColumns(sortBy: SortBy, health: PageHealth): ReadonlyArray<Column<Upstream>> {
  return [
    { header: sortBy('Algorithm', 'algorithm'), cell: (u) => <code className="mono">{u.algorithm}</code> },
    { header: 'Targets', cell: (u) => <Targets targets={u.targets} /> },
    { header: 'Health', cell: (u) => <UpstreamHealthCell name={u.name} targets={health.byId?.get(u.id)} failed={health.failed} /> },
  ];
}
