import { KeyRound, UserCog, Users } from 'lucide-react';
import { NavLink } from 'react-router';
import { useAccess } from '../../features/auth/api/use-access';
import { seg } from '../../lib/api-client';
import type { NavIcon } from './sidebar';

/** The people pages a caller may use: members (everyone), tokens (owners, admins), users (superadmins). */
export function PeopleNav({ tenant }: { tenant: string }) {
  const access = useAccess(tenant);
  const links: Array<{ to: string; label: string; icon: NavIcon }> = [];
  if (access.can('read-members')) links.push({ to: `/console/t/${seg(tenant)}/members`, label: 'Members', icon: Users });
  if (access.can('tokens')) links.push({ to: `/console/t/${seg(tenant)}/tokens`, label: 'Admin tokens', icon: KeyRound });
  if (access.can('users')) links.push({ to: `/console/t/${seg(tenant)}/users`, label: 'Users', icon: UserCog });
  if (links.length === 0) return null;
  return (
    <ul className="nav nav-people">
      {links.map(({ to, label, icon: Icon }) => (
        <li key={to}>
          <NavLink to={to} className={({ isActive }) => `nav-link${isActive ? ' nav-link-active' : ''}`}>
            <span className="nav-icon" aria-hidden="true">
              <Icon size={16} aria-hidden="true" />
            </span>
            {label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
