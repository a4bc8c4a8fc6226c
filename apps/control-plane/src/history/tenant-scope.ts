import { roleGrants, type Principal } from '../auth/permissions';
import { roleIn, tenantIdsWith } from '../auth/tenant-access';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors';
import type { Db, Tx } from '../db/prisma';
import { findTenant } from '../tenants/tenant-lookup';

/** Tenant ids whose changes a caller sees, or every tenant. */
export type TenantScope = 'all' | readonly string[];

/** The tenants a caller may see the history of: all for a platform superadmin, else those where they read config. */
export function callerScope(principal: Principal): TenantScope {
  return tenantIdsWith(principal, 'config:read');
}

/**
 * The caller's scope narrowed to the `tenant` of the request (id or slug) when one is given: 404 for a tenant
 * that does not exist or that the caller may not see (not told apart, as for any other tenant path).
 */
export async function requestScope(db: Db | Tx, principal: Principal, tenantRef: string | undefined): Promise<TenantScope> {
  const scope = callerScope(principal);
  if (tenantRef === undefined) return scope;
  const tenant = await findTenant(db, tenantRef);
  if (scope !== 'all' && !scope.includes(tenant.id)) throw new NotFoundError(`tenant "${tenantRef}" not found`);
  return [tenant.id];
}

/**
 * The scope of a rollback: everything for a superadmin without `tenant`; else one tenant, which a member must
 * name (or be a member of only one) and whose role there must grant config:write (403 otherwise).
 */
export async function rollbackScope(db: Tx, principal: Principal, tenantRef: string | undefined): Promise<TenantScope> {
  const scope = callerScope(principal);
  if (scope !== 'all' && tenantRef === undefined && scope.length !== 1) {
    throw new ValidationError('invalid query', [{ path: 'tenant', message: 'name the tenant to roll back (you are a member of several)' }]);
  }
  const narrowed = await requestScope(db, principal, tenantRef ?? (scope === 'all' ? undefined : scope[0]));
  const tenantId = narrowed === 'all' ? undefined : narrowed[0];
  const role = tenantId === undefined ? undefined : roleIn(principal, tenantId);
  if (scope !== 'all' && (role === undefined || !roleGrants(role, 'config:write', 'POST'))) throw new ForbiddenError();
  return narrowed;
}
