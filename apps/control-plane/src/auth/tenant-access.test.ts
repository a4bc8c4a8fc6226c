import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../common/errors';
import type { Principal } from './permissions';
import { authorize, tenantIdsWith } from './tenant-access';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const member = (role: 'owner' | 'viewer'): Principal => ({
  id: 'u',
  username: 'u',
  superadmin: false,
  memberships: [{ tenantId: A, slug: 'a', role }],
  kind: 'session',
});

describe('authorize', () => {
  it('decides by the role in the tenant the path names, by slug or id', () => {
    expect(() => authorize(member('viewer'), 'routes:read', 'GET', 'a')).not.toThrow();
    expect(() => authorize(member('viewer'), 'routes:read', 'GET', A.toUpperCase())).not.toThrow();
    expect(() => authorize(member('viewer'), 'routes:write', 'POST', 'a')).toThrow(ForbiddenError);
  });

  it('refuses every tenant the caller is not a member of, existing or not', () => {
    expect(() => authorize(member('owner'), 'routes:read', 'GET', 'b')).toThrow(ForbiddenError);
    expect(() => authorize(member('owner'), 'routes:read', 'GET', B)).toThrow(ForbiddenError);
  });

  it('outside a tenant: a permission some membership grants; users and new tenants are the superadmin\'s', () => {
    expect(() => authorize(member('viewer'), 'nodes:read', 'GET', undefined)).not.toThrow();
    expect(() => authorize(member('owner'), 'tenants:write', 'POST', undefined)).toThrow(ForbiddenError);
    expect(() => authorize(member('owner'), 'users:read', 'GET', undefined)).toThrow(ForbiddenError);
    expect(() => authorize({ ...member('owner'), memberships: [] }, 'nodes:read', 'GET', undefined)).toThrow(ForbiddenError);
    expect(() => authorize({ ...member('owner'), superadmin: true }, 'users:write', 'POST', undefined)).not.toThrow();
  });

  it('lists the tenants a permission is held in', () => {
    expect(tenantIdsWith(member('viewer'), 'tokens:read')).toEqual([]);
    expect(tenantIdsWith(member('owner'), 'tokens:read')).toEqual([A]);
    expect(tenantIdsWith({ ...member('viewer'), superadmin: true }, 'tokens:read')).toBe('all');
  });
});
