import { Building2, KeyRound, UserCog, Users } from 'lucide-react';
import { useAccess } from '../../features/auth/api/use-access';
import { seg } from '../../lib/api-client';
import { NavItem } from './nav-item';
import type { NavIcon } from './sidebar';

/** The people pages a caller may use: tenants and members (everyone), tokens (owners, admins), users (superadmins). */
export function PeopleNav({ tenant }: { tenant: string }) {
  const access = useAccess(tenant);
  const links: Array<{ to: string; label: string; icon: NavIcon }> = [];
  links.push({ to: `/console/t/${seg(tenant)}/tenants`, label: 'Tenants', icon: Building2 });
  if (access.can('read-members')) links.push({ to: `/console/t/${seg(tenant)}/members`, label: 'Members', icon: Users });
  if (access.can('tokens')) links.push({ to: `/console/t/${seg(tenant)}/tokens`, label: 'Admin tokens', icon: KeyRound });
  if (access.can('users')) links.push({ to: `/console/t/${seg(tenant)}/users`, label: 'Users', icon: UserCog });
  return (
    <ul className="nav nav-people">
      {links.map((link) => (
        <NavItem key={link.to} {...link} />
      ))}
    </ul>
  );
}
