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

export const ROLES = ['superadmin', 'admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles inside one tenant (issue 10): owner (everything in the tenant, incl. its owners), admin (+ people
 * and tokens), operator (edits traffic config, not people or tokens), viewer (reads). A platform
 * superadmin is a flag on the user, above every tenant.
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

export function roleGrants(role: Role, permission: PermissionName): boolean {
  if (role === 'superadmin' || role === 'admin') return true;
  return permission === 'self' || permission.endsWith(':read');
}

export interface Principal {
  id: string;
  username: string;
  role: Role;
  /** the session token's row id; absent for the env admin token */
  sessionId?: string;
  /** how the caller authenticated: a console/CLI session, a tenant admin token, the env AYA_ADMIN_TOKEN */
  kind?: 'session' | 'token' | 'env';
  /** kind token: the admin token's id (audit names it) */
  tokenId?: string;
  /** the client's address as the admin API sees it (AYA_TRUST_PROXY), for the audit */
  address?: string;
}
