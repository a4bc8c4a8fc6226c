import { NavLink } from 'react-router';
import type { NavIcon } from './sidebar';

/** One sidebar link with its icon, marked while its page is open. */
export function NavItem({ to, label, icon: Icon }: { to: string; label: string; icon: NavIcon }) {
  return (
    <li>
      <NavLink to={to} className={({ isActive }) => `nav-link${isActive ? ' nav-link-active' : ''}`}>
        <span className="nav-icon" aria-hidden="true">
          <Icon size={16} aria-hidden="true" />
        </span>
        {label}
      </NavLink>
    </li>
  );
}
