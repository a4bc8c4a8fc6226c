import { describe, expect, it } from 'vitest';
import { credentialCreateSchema, type Credential } from '@aya/config-schema';
import { credentialIdentifier, emptyCredentialValues, isoToLocal, localToIso, revealedSecret, toCredentialPayload } from './credential-form-values';

const base = emptyCredentialValues();

describe('credential payloads', () => {
  it('a key-auth credential with nothing typed asks for a generated key that never expires', () => {
    const { payload } = toCredentialPayload(base);
    expect(payload).toEqual({ type: 'key-auth', key: undefined, expiresAt: undefined });
    expect(credentialCreateSchema.safeParse(payload).success).toBe(true);
  });

  it('an expiry typed in local time goes out as an instant the contract accepts', () => {
    const { payload } = toCredentialPayload({ ...base, expiresAt: '2030-01-02T03:04' });
    expect(payload).toMatchObject({ expiresAt: new Date('2030-01-02T03:04').toISOString() });
    expect(credentialCreateSchema.safeParse(payload).success).toBe(true);
    expect(localToIso('  ')).toBeUndefined();
  });

  it('an expiry being edited shows in local time and goes back to the same instant', () => {
    const iso = new Date('2031-05-06T07:08').toISOString();
    expect(isoToLocal(iso)).toBe('2031-05-06T07:08');
    expect(localToIso(isoToLocal(iso))).toBe(iso);
    expect(isoToLocal(null)).toBe('');
  });

  it('only the fields of the chosen type are sent', () => {
    const filled = { ...base, key: 'issuer-1', username: 'bob', password: 'correct horse battery', subject: 'x' };
    expect(toCredentialPayload({ ...filled, type: 'basic-auth' }).payload).toEqual({ type: 'basic-auth', username: 'bob', password: 'correct horse battery' });
    const jwt = toCredentialPayload({ ...filled, type: 'jwt', publicKey: 'pem?' }).payload;
    expect(jwt).toEqual({ type: 'jwt', key: 'issuer-1', algorithm: 'HS256', secret: undefined, publicKey: undefined, jwksUrl: undefined });
    expect(credentialCreateSchema.safeParse(jwt).success).toBe(true);
  });

  it('an RS256 jwt credential sends its JWKS URL, and the contract names the field of a missing key', () => {
    const withUrl = toCredentialPayload({ ...base, type: 'jwt', key: 'iss', algorithm: 'RS256', jwksUrl: 'https://idp.example/jwks', secret: 'ignored' }).payload;
    expect(withUrl).toMatchObject({ jwksUrl: 'https://idp.example/jwks', secret: undefined });
    expect(credentialCreateSchema.safeParse(withUrl).success).toBe(true);
    const missing = credentialCreateSchema.safeParse(toCredentialPayload({ ...base, type: 'jwt', key: 'iss', algorithm: 'RS256' }).payload);
    expect(missing.success ? [] : missing.error.issues.map((i) => i.path.join('.'))).toContain('publicKey');
  });
});

describe('what the console shows of a credential', () => {
  const created: Credential = { id: 'c1', consumerId: 'u1', type: 'key-auth', keyPrefix: 'ak_3f9', key: 'ak_3f9aaaaaaaaaaaaaaaa', createdAt: '2026-01-01T00:00:00Z' };

  it('reveals the generated key of a create answer, and a jwt HMAC secret but never its issuer', () => {
    expect(revealedSecret(created)).toEqual({ label: 'API key', value: 'ak_3f9aaaaaaaaaaaaaaaa' });
    expect(revealedSecret({ ...created, type: 'jwt', key: 'iss', secret: 's3cret' })).toEqual({ label: 'HMAC secret', value: 's3cret' });
    expect(revealedSecret({ ...created, type: 'jwt', key: 'iss' })).toBeNull();
    expect(revealedSecret({ ...created, key: undefined })).toBeNull();
  });

  it('lists a key by its prefix only', () => {
    expect(credentialIdentifier(created)).toBe('ak_3f9…');
    expect(credentialIdentifier({ ...created, type: 'mtls', subject: 'client-a' })).toBe('CN=client-a');
  });
});
