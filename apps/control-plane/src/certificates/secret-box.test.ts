import { describe, expect, it } from 'vitest';
import { SecretBox, SecretKeyError } from './secret-box';

const secret = 'a'.repeat(32);

describe('SecretBox', () => {
  it('round-trips, never with the clear text in the sealed form, a fresh iv each time', () => {
    const box = new SecretBox(secret);
    const sealed = box.seal('-----BEGIN PRIVATE KEY-----xyz');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('PRIVATE');
    expect(box.seal('x')).not.toBe(box.seal('x'));
    expect(box.open(sealed)).toBe('-----BEGIN PRIVATE KEY-----xyz');
  });

  it('refuses without a secret, with another secret, or on tampering', () => {
    const sealed = new SecretBox(secret).seal('k');
    expect(() => new SecretBox(undefined).seal('k')).toThrow(SecretKeyError);
    expect(() => new SecretBox('b'.repeat(32)).open(sealed)).toThrow(SecretKeyError);
    expect(() => new SecretBox(secret).open(`${sealed.slice(0, -2)}AA`)).toThrow(SecretKeyError);
    expect(new SecretBox(undefined).enabled).toBe(false);
  });
});
