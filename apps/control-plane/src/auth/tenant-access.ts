import { ForbiddenError } from '../common/errors';
import { roleGrants, type Membership, type PermissionName, type Principal, type TenantRole } from './permissions';

/** Permissions no tenant role grants outside a tenant: managing users, creating tenants. */
const PLATFORM_ONLY: ReadonlySet<PermissionName> = new Set(['users:read', 'users:write', 'tenants:write']);

/** The caller's membership in the tenant a path names (by id or slug; an id match wins), if any. */
export function membershipFor(principal: Principal, tenantRef: string): Membership | undefined {
  const lower = tenantRef.toLowerCase();
  return principal.memberships.find((m) => m.tenantId === lower) ?? principal.memberships.find((m) => m.slug === tenantRef);
}

/**
 * Whether the caller may call an endpoint needing `permission`, and throws 403 when not. `tenantRef`: the
 * `:tenant` path parameter, when the endpoint lives in a tenant: then the caller's role there decides (no
 * membership: 403, whether that tenant exists or not, so the answer tells nothing about other tenants).
 * Outside a tenant (tenant list, revisions, nodes, plugin schemas), a permission some membership grants is
 * enough and the handler shows only the caller's tenants (tenantIdsWith); users and creating tenants are the
 * superadmin's. A superadmin may do everything.
 */
export function authorize(principal: Principal, permission: PermissionName, method: string, tenantRef: string | undefined): void {
  if (principal.superadmin || permission === 'self') return;
  if (tenantRef !== undefined) {
    const membership = membershipFor(principal, tenantRef);
    if (!membership) throw new ForbiddenError(`not a member of tenant "${tenantRef}"`);
    if (!roleGrants(membership.role, permission, method)) throw new ForbiddenError(`role ${membership.role} lacks ${permission}`);
    return;
  }
  if (PLATFORM_ONLY.has(permission)) throw new ForbiddenError(`${permission} outside a tenant is for superadmins`);
  if (!principal.memberships.some((m) => roleGrants(m.role, permission, method))) throw new ForbiddenError(`no tenant role grants ${permission}`);
}

/** The tenants whose objects the caller may see with `permission` ('all' for a superadmin): filter lists with it. */
export function tenantIdsWith(principal: Principal, permission: PermissionName): 'all' | string[] {
  if (principal.superadmin) return 'all';
  return principal.memberships.filter((m) => roleGrants(m.role, permission)).map((m) => m.tenantId);
}

/** The caller's role in a tenant it was authorized for; a superadmin counts as owner. */
export function roleIn(principal: Principal, tenantId: string): TenantRole | undefined {
  if (principal.superadmin) return 'owner';
  return principal.memberships.find((m) => m.tenantId === tenantId)?.role;
}
