import { snapshotCredentialSchema } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import type { Credential as CredentialRow } from '../generated/prisma/client';
import { toCredential, toSnapshotCredential } from './credential-mapper';

const at = new Date('2026-12-01T00:00:00Z');
const row = (over: Partial<CredentialRow>): CredentialRow => ({
  id: '11111111-1111-4111-8111-111111111111',
  tenantId: '22222222-2222-4222-8222-222222222222',
  consumerId: '33333333-3333-4333-8333-333333333333',
  type: 'key-auth',
  keyHash: null,
  keyPrefix: null,
  expiresAt: null,
  username: null,
  passwordHash: null,
  jwtKey: null,
  algorithm: null,
  secretEncrypted: null,
  publicKey: null,
  jwksUrl: null,
  subject: null,
  fingerprint: null,
  createdAt: at,
  updatedAt: at,
  ...over,
});

describe('credential mapper', () => {
  it('the admin view never carries a hash or a sealed secret', () => {
    const rows = [
      row({ type: 'key-auth', keyHash: 'f'.repeat(64), keyPrefix: 'abcdef' }),
      row({ type: 'basic-auth', username: 'u', passwordHash: 'scrypt$16384$8$1$salt$hash' }),
      row({ type: 'jwt', jwtKey: 'iss', algorithm: 'HS256', secretEncrypted: 'v1:a:b:c' }),
    ];
    for (const r of rows) {
      const text = JSON.stringify(toCredential(r));
      for (const secret of ['f'.repeat(64), 'scrypt$', 'v1:a:b:c']) expect(text).not.toContain(secret);
    }
    expect(toCredential(rows[2])).toEqual({ id: rows[2].id, consumerId: rows[2].consumerId, type: 'jwt', key: 'iss', algorithm: 'HS256', createdAt: at.toISOString() });
  });

  it('the snapshot item re-seals the jwt secret and matches the contract', () => {
    const item = toSnapshotCredential(row({ type: 'jwt', jwtKey: 'iss', algorithm: 'HS256', secretEncrypted: 'v1:a:b:c' }), 'default', (s) => `g1:${s}`);
    expect(snapshotCredentialSchema.parse(item)).toMatchObject({ type: 'jwt', tenant: 'default', secretSealed: 'g1:v1:a:b:c', publicKey: null, jwksUrl: null });
    expect(() => toSnapshotCredential(row({ type: 'key-auth' }), 'default', (s) => s)).toThrow(/keyHash/);
  });
});
