import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/permissions';
import { auditLabel, auditRow } from './audit-row';

const entry = { tenantId: 't-1', action: 'update', resourceType: 'route', resourceId: 'r-1', resourceName: 'orders', before: { a: 1 }, after: { a: 2 } };

describe('auditRow', () => {
  it('names a tenant admin token by its own id, a session by the user, with the address', () => {
    const token: Principal = { id: 'tok-1', username: 'token:ci', superadmin: false, memberships: [], kind: 'token', tokenId: 'tok-1', address: '10.0.0.7' };
    expect(auditRow(token, entry, 7)).toMatchObject({ actorKind: 'token', actorId: 'tok-1', actorName: 'token:ci', address: '10.0.0.7', revision: 7 });
    const session: Principal = { id: 'u-1', username: 'alice', superadmin: false, memberships: [], kind: 'session', sessionId: 's-1' };
    expect(auditRow(session, entry, 8)).toMatchObject({ actorKind: 'session', actorId: 'u-1', actorName: 'alice', address: null });
  });

  it('stores before/after as plain JSON (dates as strings, undefined dropped)', () => {
    const row = auditRow({ id: 'u', username: 'u', superadmin: false, memberships: [], kind: 'session' }, { ...entry, before: undefined, after: { at: new Date(0), gone: undefined } }, 1);
    expect(row.before).toBeUndefined();
    expect(row.after).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });
});

describe('auditLabel', () => {
  it('labels a resource by its key, else a name, a first SNI or a credential type', () => {
    expect(auditLabel('slug', { id: 'x', slug: 'acme', name: 'Acme Inc' })).toBe('acme');
    expect(auditLabel('username', { username: 'bob' })).toBe('bob');
    expect(auditLabel(null, { name: 'cors', config: {} })).toBe('cors');
    expect(auditLabel(null, { snis: ['a.example', 'b.example'], cert: '...' })).toBe('a.example');
    expect(auditLabel(null, { type: 'key-auth', keyPrefix: 'abc123' })).toBe('key-auth');
    expect(auditLabel(null, { snis: [] })).toBeNull();
    expect(auditLabel('name', undefined)).toBeNull();
  });
});
