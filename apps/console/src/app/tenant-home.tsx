import { Navigate } from 'react-router';
import { useMe } from '../features/auth/api/get-me';
import { tenantHomePath } from '../lib/paths';
import { lastTenant } from '../lib/use-tenant';

/**
 * `/console`: the home dashboard of the tenant last used, when the caller may still see it; else their first tenant (a member of one
 * tenant only would otherwise land on another's 403). Rendered inside RequireAuth, so /auth/me is loaded.
 */
export function TenantHome() {
  const me = useMe().data;
  const last = lastTenant();
  const slugs = me?.memberships.map((m) => m.tenant.slug) ?? [];
  const tenant = me?.user.superadmin || slugs.length === 0 || slugs.includes(last) ? last : (slugs[0] ?? last);
  return <Navigate to={tenantHomePath(tenant)} replace />;
}
