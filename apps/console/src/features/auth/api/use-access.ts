import { useMe } from './get-me';
import type { MeResponse, TenantRole } from './types';

/** What the console shows a caller, mirroring the control plane's grants (apps/control-plane/src/auth/permissions.ts). */
export type Capability = 'write-config' | 'read-members' | 'write-members' | 'tokens' | 'users' | 'delete-tenant';

const GRANTS: Record<TenantRole, ReadonlySet<Capability>> = {
  owner: new Set(['write-config', 'read-members', 'write-members', 'tokens', 'delete-tenant']),
  admin: new Set(['write-config', 'read-members', 'write-members', 'tokens']),
  operator: new Set(['write-config', 'read-members']),
  viewer: new Set(['read-members']),
};

export interface Access {
  /** the caller's role in the tenant ('owner' for a superadmin); undefined while /auth/me loads or for a non-member */
  role: TenantRole | undefined;
  superadmin: boolean;
  can: (capability: Capability) => boolean;
}

export function accessIn(me: MeResponse | undefined, tenant: string): Access {
  const superadmin = me?.user.superadmin ?? false;
  const role: TenantRole | undefined = superadmin ? 'owner' : me?.memberships.find((m) => m.tenant.slug === tenant || m.tenant.id === tenant)?.role;
  return {
    role,
    superadmin,
    can: (capability) => (capability === 'users' ? superadmin : role !== undefined && GRANTS[role].has(capability)),
  };
}

/** The signed-in caller's access in a tenant (the server decides; this only hides what would be refused). */
export function useAccess(tenant: string): Access {
  return accessIn(useMe().data, tenant);
}
