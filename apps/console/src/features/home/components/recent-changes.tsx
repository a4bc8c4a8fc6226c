import { Link } from 'react-router';
import { RelativeTime } from '../../../components/relative-time';
import { consolePath } from '../../../lib/paths';
import type { TenantOverview } from '../api/get-overview';

const VERBS: Readonly<Record<string, string>> = { create: 'created', update: 'updated', delete: 'deleted' };

/** The tenant's latest config writes; each opens the audit log filtered to its kind of object. */
export function RecentChanges({ tenant, changes }: { tenant: string; changes: TenantOverview['recentChanges'] }) {
  return (
    <section className="card home-card home-changes" aria-labelledby="recent-changes-title" data-testid="recent-changes">
      <div className="home-card-head">
        <h2 id="recent-changes-title" className="home-card-title">
          Recent changes
        </h2>
        <span className="home-card-links">
          <Link to={consolePath(tenant, 'audit')} className="home-card-link">
            Audit log
          </Link>
          <Link to={consolePath(tenant, 'history')} className="home-card-link">
            Config history
          </Link>
        </span>
      </div>
      {changes.length === 0 ? (
        <p className="muted">Nothing changed in this tenant yet.</p>
      ) : (
        <ul className="home-change-list">
          {changes.map((c) => (
            <li key={c.id} className="home-change">
              <span className="home-change-what">
                <Link to={`${consolePath(tenant, 'audit')}?${new URLSearchParams({ resource: c.resource.type }).toString()}`}>
                  {c.resource.type} <strong>{c.resource.name ?? c.resource.id}</strong>
                </Link>{' '}
                {VERBS[c.action] ?? c.action} by {c.actor.name}
              </span>
              <span className="home-change-when muted">
                {c.revision !== null ? <Link to={consolePath(tenant, 'history')}>rev {c.revision}</Link> : null} <RelativeTime iso={c.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
