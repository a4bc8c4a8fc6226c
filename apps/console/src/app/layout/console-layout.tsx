import { useEffect } from 'react';
import { Outlet } from 'react-router';
import { rememberTenant, useTenant } from '../../lib/use-tenant';
import { AppHeader } from './app-header';
import { Sidebar } from './sidebar';

export function ConsoleLayout() {
  const tenant = useTenant();

  useEffect(() => {
    rememberTenant(tenant);
  }, [tenant]);

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Sidebar tenant={tenant} />
      <div className="shell-main">
        <AppHeader tenant={tenant} />
        <main id="main" className="content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
