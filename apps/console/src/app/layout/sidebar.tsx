import { NavLink } from 'react-router';
import { consolePath, type ConsoleSection } from '../../lib/paths';

const NAV: ReadonlyArray<{ section: ConsoleSection; label: string; icon: string }> = [
  { section: 'services', label: 'Services', icon: '◆' },
  { section: 'routes', label: 'Routes', icon: '↳' },
  { section: 'upstreams', label: 'Upstreams', icon: '≡' },
  { section: 'certificates', label: 'Certificates', icon: '⚿' },
  { section: 'consumers', label: 'Consumers', icon: '☺' },
  { section: 'consumer-groups', label: 'Consumer groups', icon: '⚇' },
  { section: 'plugins', label: 'Plugins', icon: '⚙' },
  { section: 'nodes', label: 'Gateway nodes', icon: '◉' },
];

export function Sidebar({ tenant }: { tenant: string }) {
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          A
        </span>
        <span className="brand-name">Aya</span>
        <span className="brand-tag">console</span>
      </div>
      <nav aria-label="Main">
        <ul className="nav">
          {NAV.map((item) => (
            <li key={item.section}>
              <NavLink to={consolePath(tenant, item.section)} className={({ isActive }) => `nav-link${isActive ? ' nav-link-active' : ''}`}>
                <span className="nav-icon" aria-hidden="true">
                  {item.icon}
                </span>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
