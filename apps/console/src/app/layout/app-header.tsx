import { useLocation, useNavigate } from 'react-router';
import { Button } from '../../components/button';
import { useMe } from '../../features/auth/api/get-me';
import { useLogout } from '../../features/auth/api/logout';
import { TenantSwitcher } from '../../features/tenants/components/tenant-switcher';
import { consolePath, type ConsoleSection } from '../../lib/paths';

const SECTIONS: ReadonlyArray<ConsoleSection> = ['services', 'routes', 'upstreams', 'certificates', 'consumers', 'consumer-groups', 'plugins', 'nodes'];

/** The section of the current page, so switching tenant keeps the operator on "Routes" rather than jumping home. */
function currentSection(pathname: string): ConsoleSection {
  const part = pathname.split('/')[4] ?? '';
  return SECTIONS.find((s) => s === part) ?? 'services';
}

export function AppHeader({ tenant }: { tenant: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const logout = useLogout();

  return (
    <header className="topbar">
      <TenantSwitcher tenant={tenant} onSelect={(slug) => navigate(consolePath(slug, currentSection(location.pathname)))} />
      <div className="topbar-user">
        {me.data ? (
          <span className="user" data-testid="current-user">
            <span className="user-avatar" aria-hidden="true">
              {me.data.user.username.slice(0, 1).toUpperCase()}
            </span>
            <span className="user-name">{me.data.user.username}</span>
            <span className="user-role">{me.data.user.role}</span>
          </span>
        ) : null}
        <Button size="sm" busy={logout.isPending} onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/console/sign-in') })}>
          Sign out
        </Button>
      </div>
    </header>
  );
}
