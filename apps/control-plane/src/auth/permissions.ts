import { SetMetadata } from '@nestjs/common';

export const PERMISSIONS = [
  'tenants:read',
  'tenants:write',
  'services:read',
  'services:write',
  'routes:read',
  'routes:write',
  'upstreams:read',
  'upstreams:write',
  'certificates:read',
  'certificates:write',
  'plugins:read',
  'plugins:write',
  /** consumers, their credentials and consumer groups */
  'consumers:read',
  'consumers:write',
  'config:read',
  /** declarative apply, rollback to a revision */
  'config:write',
  /** the tenant's audit log */
  'audit:read',
  /** tenant members and their roles */
  'members:read',
  'members:write',
  /** the tenant's admin tokens for automation */
  'tokens:read',
  'tokens:write',
  /** platform users (superadmin only) */
  'users:read',
  'users:write',
  'nodes:read',
  /** GET /metrics (Prometheus); AYA_METRICS_TOKEN grants only this */
  'metrics:read',
  /** own session: me, logout */
  'self',
] as const;
export type PermissionName = (typeof PERMISSIONS)[number];

/**
 * Roles inside one tenant: owner (everything in the tenant, incl. deleting it and its owners), admin (everything
 * but deleting the tenant or granting/changing/removing owners), operator (reads + traffic config writes, not
 * members or tokens), viewer (reads: traffic config, audit, members; not tokens). A platform superadmin is a flag
 * on the user, above every tenant. Ranked: a role may hand out (members, tokens) only roles up to its own.
 */
export const TENANT_ROLES = ['owner', 'admin', 'operator', 'viewer'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** Metadata keys: every handler carries exactly one of them (a unit test walks the controllers). */
export const PERMISSION_KEY = 'aya:permission';
export const PUBLIC_KEY = 'aya:public';
export const INTERNAL_KEY = 'aya:internal';

/** Admin endpoint: needs a session or admin token whose role grants `permission`. */
export const Permission = (permission: PermissionName): MethodDecorator => SetMetadata(PERMISSION_KEY, permission);
/** No authentication at all (health, login). */
export const Public = (): MethodDecorator => SetMetadata(PUBLIC_KEY, true);
/** Gateway endpoint: needs the cluster token. */
export const Internal = (): MethodDecorator => SetMetadata(INTERNAL_KEY, true);

/** What a viewer may do: every read but tokens and users. */
const VIEWER: ReadonlySet<PermissionName> = new Set(
  PERMISSIONS.filter((p) => (p.endsWith(':read') && p !== 'tokens:read' && p !== 'users:read') || p === 'self'),
);
/** + traffic config writes */
const OPERATOR: ReadonlySet<PermissionName> = new Set([
  ...VIEWER,
  ...(['services:write', 'routes:write', 'upstreams:write', 'certificates:write', 'plugins:write', 'consumers:write', 'config:write'] as const),
]);
/** + tenant settings, members (not owners: members.service.ts) and tokens */
const ADMIN: ReadonlySet<PermissionName> = new Set([...OPERATOR, ...(['tenants:write', 'members:write', 'tokens:read', 'tokens:write'] as const)]);
const GRANTS: Record<TenantRole, ReadonlySet<PermissionName>> = { owner: ADMIN, admin: ADMIN, operator: OPERATOR, viewer: VIEWER };

/** Written only by a platform superadmin, wherever they are (users; creating tenants is checked by the guard). */
const SUPERADMIN_ONLY: ReadonlySet<PermissionName> = new Set(['users:read', 'users:write']);

/**
 * Whether a tenant role grants `permission` for an HTTP `method` in its tenant. Deleting the tenant itself
 * (`DELETE /tenants/{t}`, `tenants:write`) is the owner's alone.
 */
export function roleGrants(role: TenantRole, permission: PermissionName, method = 'GET'): boolean {
  if (SUPERADMIN_ONLY.has(permission)) return false;
  if (permission === 'tenants:write' && method === 'DELETE') return role === 'owner';
  return GRANTS[role].has(permission);
}

/** Rank of a role: owner 0 ... viewer 3 (lower = more). */
export const roleRank = (role: TenantRole): number => TENANT_ROLES.indexOf(role);

/** A user's (or a token's) role in one tenant. */
export interface Membership {
  tenantId: string;
  slug: string;
  role: TenantRole;
}

export interface Principal {
  /** user id; a token's id for kind token; 'admin-token' for kind env */
  id: string;
  /** username; `token:<name>` for a tenant admin token; 'admin-token' for the env token */
  username: string;
  /** platform superadmin: every permission in every tenant (the env AYA_ADMIN_TOKEN is one) */
  superadmin: boolean;
  /** the tenants the caller is a member of, with its role there (a token: its one tenant and role) */
  memberships: Membership[];
  /** how the caller authenticated: a console/CLI session, a tenant admin token, the env AYA_ADMIN_TOKEN */
  kind: 'session' | 'token' | 'env';
  /** kind session: the session row's id */
  sessionId?: string;
  /** kind token: the admin token's id (audit names it) */
  tokenId?: string;
  /** the client's address as the admin API sees it (AYA_TRUST_PROXY), for the audit */
  address?: string;
}
