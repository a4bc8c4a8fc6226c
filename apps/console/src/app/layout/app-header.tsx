import { Menu } from 'lucide-react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Button } from '../../components/button';
import { useMe } from '../../features/auth/api/get-me';
import { useLogout } from '../../features/auth/api/logout';
import { useAccess } from '../../features/auth/api/use-access';
import { TenantSwitcher } from '../../features/tenants/components/tenant-switcher';
import { tenantSwitchPath } from './tenant-switch-path';

export interface AppHeaderProps {
  tenant: string;
  /** Narrow screens: opens the sidebar drawer (the button is hidden where the sidebar is always shown). */
  onOpenNav?: () => void;
  navOpen?: boolean;
}

export function AppHeader({ tenant, onOpenNav, navOpen = false }: AppHeaderProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const logout = useLogout();
  const access = useAccess(tenant);

  return (
    <header className="topbar">
      <div className="topbar-start">
        <button type="button" className="menu-button" aria-label="Open navigation" aria-controls="console-sidebar" aria-expanded={navOpen} onClick={onOpenNav}>
          <Menu size={20} aria-hidden="true" />
        </button>
        <TenantSwitcher tenant={tenant} onSelect={(slug) => navigate(tenantSwitchPath(location.pathname, slug))} />
      </div>
      <div className="topbar-user">
        {me.data ? (
          <span className="user" data-testid="current-user">
            <span className="user-avatar" aria-hidden="true">
              {me.data.user.username.slice(0, 1).toUpperCase()}
            </span>
            <Link className="user-name" to={`/console/t/${encodeURIComponent(tenant)}/account`} title="Account: password, sessions">
              {me.data.user.username}
            </Link>
            <span className="user-role" data-testid="current-role">
              {access.superadmin ? 'superadmin' : (access.role ?? 'no role')}
            </span>
          </span>
        ) : null}
        <Button size="sm" busy={logout.isPending} onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/console/sign-in') })}>
          Sign out
        </Button>
      </div>
    </header>
  );
}
