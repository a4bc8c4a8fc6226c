import { findTenant } from '../tenants/tenant-lookup';
import type { ParentRef, ParentSpec } from './resource-definition';

/** The tenants themselves: top-level, no parent. */
export interface RootParent extends ParentRef {
  tenantId: null;
  where: Record<string, never>;
}

/** A resource of one tenant (services, routes, upstreams, certificates, plugins, consumers...). */
export interface TenantParent extends ParentRef {
  tenantId: string;
  where: { tenantId: string };
}

export const ROOT: ParentSpec<RootParent> = {
  path: 'api/v1',
  params: [],
  resolve: () => Promise.resolve({ tenantId: null, where: {} }),
};

export const IN_TENANT: ParentSpec<TenantParent> = {
  path: 'api/v1/tenants/:tenant',
  params: ['tenant'],
  async resolve(db, params) {
    const tenant = await findTenant(db, params.tenant ?? '');
    return { tenantId: tenant.id, where: { tenantId: tenant.id } };
  },
};
