import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeUnverified, verifyToken, withinMaximumExpiration } from './verify';

const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const now = () => Math.floor(Date.now() / 1000);

const hs = (claims: Record<string, unknown>, key: Uint8Array = secret) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);

describe('decodeUnverified', () => {
  it.each(['', 'a.b', 'a.b.c.d', 'no dots at all', `${'a'.repeat(20_000)}.b.c`, 'e30.bm90IGpzb24.sig', '$$$.e30.x', 'bm90IGpzb24.e30.sig'])('%s is malformed', (t) => {
    expect(decodeUnverified(t)).toEqual({ reason: 'credentials-malformed' });
  });

  it('reads the payload of a well-formed token without verifying it', async () => {
    const t = await hs({ iss: 'me' }, new TextEncoder().encode('some-other-secret-not-ours-at-all'));
    expect(decodeUnverified(t)).toEqual({ payload: { iss: 'me' } });
  });
});

describe('verifyToken', () => {
  it('accepts a good token and maps jose failures to stable reasons', async () => {
    const opts = { algorithms: ['HS256'], clockTolerance: 60 };
    expect(await verifyToken(await hs({ iss: 'me', exp: now() + 60 }), secret, opts)).toMatchObject({ payload: { iss: 'me' } });
    expect(await verifyToken(await hs({ exp: now() - 3600 }), secret, opts)).toEqual({ reason: 'credentials-expired' });
    // within the clock skew: still good
    expect(await verifyToken(await hs({ exp: now() - 30 }), secret, opts)).toHaveProperty('payload');
    expect(await verifyToken(await hs({ nbf: now() + 3600 }), secret, opts)).toEqual({ reason: 'claims-invalid' });
    expect(await verifyToken(await hs({ aud: 'a' }), secret, { ...opts, audience: ['b'] })).toEqual({ reason: 'claims-invalid' });
    expect(await verifyToken(await hs({}), secret, { ...opts, requiredClaims: ['exp'] })).toEqual({ reason: 'claims-invalid' });
    expect(await verifyToken(await hs({}, new TextEncoder().encode('x'.repeat(32))), secret, opts)).toEqual({ reason: 'signature-invalid' });
  });

  it('refuses alg none and algorithm confusion (HS256 signed with the RS256 public key)', async () => {
    const none = new UnsecuredJWT({ iss: 'me' }).encode();
    const pub = createPublicKey(rsa.privateKey);
    expect(await verifyToken(none, pub, { algorithms: ['RS256'] })).toMatchObject({ reason: expect.stringMatching(/signature-invalid|credentials-malformed/) });
    const pemAsSecret = new TextEncoder().encode(pub.export({ type: 'spki', format: 'pem' }).toString());
    const confused = await hs({ iss: 'me' }, pemAsSecret);
    expect(await verifyToken(confused, pub, { algorithms: ['RS256'] })).toEqual({ reason: 'signature-invalid' });
    // and the other way round: an RS256 token against an HS256 credential
    const rs = await new SignJWT({ iss: 'me' }).setProtectedHeader({ alg: 'RS256' }).sign(rsa.privateKey);
    expect(await verifyToken(rs, secret, { algorithms: ['HS256'] })).toEqual({ reason: 'signature-invalid' });
    expect(await verifyToken(rs, pub, { algorithms: ['RS256'] })).toHaveProperty('payload');
  });

  it('maximumExpirationSeconds: exp required and not too far away', () => {
    const t = 1_000_000;
    expect(withinMaximumExpiration({}, 0, t * 1000)).toBe(true);
    expect(withinMaximumExpiration({}, 60, t * 1000)).toBe(false);
    expect(withinMaximumExpiration({ exp: t + 60 }, 60, t * 1000)).toBe(true);
    expect(withinMaximumExpiration({ exp: t + 61 }, 60, t * 1000)).toBe(false);
  });
});
