import { describe, expect, it } from 'vitest';
import { gatewaySealKey, hashPassword, sealForGateway, sha256Hex, unsealFromControlPlane, verifyPassword } from './secrets';

describe('secrets', () => {
  it('seals deterministically and opens only with the same cluster token', () => {
    const key = gatewaySealKey('token-a');
    const sealed = sealForGateway('hmac-secret', key);
    expect(sealForGateway('hmac-secret', key)).toBe(sealed);
    expect(sealed).not.toContain('hmac-secret');
    expect(unsealFromControlPlane(sealed, key)).toBe('hmac-secret');
    expect(unsealFromControlPlane(sealed, gatewaySealKey('token-b'))).toBeUndefined();
    expect(unsealFromControlPlane(sealed.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), key)).toBeUndefined();
    expect(unsealFromControlPlane('nonsense', key)).toBeUndefined();
  });

  it('hashes passwords with scrypt and verifies them', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('wrong', stored)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('sha256Hex is the hex digest', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
