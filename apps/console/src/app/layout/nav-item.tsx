import { NavLink } from 'react-router';
import type { NavIcon } from './sidebar';

/** One sidebar link with its icon, marked while its page is open (`end`: only that page, not the ones below it). */
export function NavItem({ to, label, icon: Icon, end }: { to: string; label: string; icon: NavIcon; end?: boolean }) {
  return (
    <li>
      <NavLink to={to} end={end} className={({ isActive }) => `nav-link${isActive ? ' nav-link-active' : ''}`}>
        <span className="nav-icon" aria-hidden="true">
          <Icon size={16} aria-hidden="true" />
        </span>
        {label}
      </NavLink>
    </li>
  );
}
