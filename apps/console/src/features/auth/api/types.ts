export type TenantRole = 'owner' | 'admin' | 'operator' | 'viewer';
export const TENANT_ROLES: readonly TenantRole[] = ['owner', 'admin', 'operator', 'viewer'];

export interface User {
  id: string;
  username: string;
  email: string | null;
  superadmin: boolean;
}

export interface LoginResponse {
  /** absent: the session is in the http-only cookie (the console always asks for that) */
  token?: string;
  expiresAt: string;
  csrfToken: string;
  user: User;
}

export interface Membership {
  tenant: { id: string; slug: string; name: string };
  role: TenantRole;
}

export interface MeResponse {
  user: User;
  kind: 'session' | 'token' | 'env';
  memberships: Membership[];
  csrfToken?: string;
}
