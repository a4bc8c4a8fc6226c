import type { ApiSchema } from '../../../lib/api/types';

export type MeResponse = ApiSchema<'Me'>;
export type LoginResponse = ApiSchema<'LoginResult'>;
export type User = MeResponse['user'];
export type Membership = MeResponse['memberships'][number];
export type TenantRole = Membership['role'];

export const TENANT_ROLES: readonly TenantRole[] = ['owner', 'admin', 'operator', 'viewer'];
