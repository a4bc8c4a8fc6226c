import { useEffect, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Toaster } from '../../components/toaster';
import { UnsavedChangesGuard } from '../../components/unsaved-changes-guard';
import { rememberTenant, useTenant } from '../../lib/use-tenant';
import { AppHeader } from './app-header';
import { Sidebar } from './sidebar';

export function ConsoleLayout() {
  const tenant = useTenant();
  const { pathname } = useLocation();
  const [navOpen, setNavOpen] = useState(false);

  useEffect(() => {
    rememberTenant(tenant);
  }, [tenant]);

  // The drawer closes once a link in it (or anywhere) changes the page.
  useEffect(() => setNavOpen(false), [pathname]);

  useEffect(() => {
    if (!navOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setNavOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navOpen]);

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Sidebar tenant={tenant} open={navOpen} onClose={() => setNavOpen(false)} />
      {navOpen ? <div className="sidebar-backdrop" aria-hidden="true" onClick={() => setNavOpen(false)} /> : null}
      <div className="shell-main">
        <AppHeader tenant={tenant} navOpen={navOpen} onOpenNav={() => setNavOpen(true)} />
        <main id="main" className="content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <UnsavedChangesGuard />
      <Toaster />
    </div>
  );
}
