import { Link } from 'react-router';
import { consolePath, type ConsoleSection } from '../../../lib/paths';
import type { TenantOverview } from '../api/get-overview';

const COUNTS: ReadonlyArray<{ key: keyof TenantOverview['counts']; label: string; section: ConsoleSection }> = [
  { key: 'services', label: 'Services', section: 'services' },
  { key: 'routes', label: 'Routes', section: 'routes' },
  { key: 'upstreams', label: 'Upstreams', section: 'upstreams' },
  { key: 'certificates', label: 'Certificates', section: 'certificates' },
  { key: 'consumers', label: 'Consumers', section: 'consumers' },
  { key: 'plugins', label: 'Plugins', section: 'plugins' },
];

/** What the tenant has configured, each count a link to its list. */
export function CountCards({ tenant, counts }: { tenant: string; counts: TenantOverview['counts'] }) {
  return (
    <ul className="home-counts" aria-label="Configured">
      {COUNTS.map(({ key, label, section }) => (
        <li key={key}>
          <Link className="stat home-count" to={consolePath(tenant, section)} data-testid={`count-${key}`}>
            <span className="stat-label">{label}</span>
            <span className="stat-value">{counts[key].toLocaleString('en')}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
