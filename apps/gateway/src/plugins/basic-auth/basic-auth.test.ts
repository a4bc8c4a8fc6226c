import { hashPassword, verifyPassword } from '@aya/config-schema/secrets';
import { describe, expect, it } from 'vitest';
import { parseBasicHeader } from './basic-header';
import { VerifiedPasswords } from './verified-cache';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('parseBasicHeader', () => {
  it('reads user and password (the password may contain colons, the scheme any case)', () => {
    expect(parseBasicHeader(`Basic ${b64('alice:pa:ss')}`)).toEqual({ user: 'alice', password: 'pa:ss' });
    expect(parseBasicHeader(`bAsIc   ${b64('bob:é')}`)).toEqual({ user: 'bob', password: 'é' });
  });

  it('leaves other schemes and an absent header to other plugins', () => {
    expect(parseBasicHeader(undefined)).toBeUndefined();
    expect(parseBasicHeader('Bearer abc')).toBeUndefined();
  });

  it.each([
    ['not base64', 'Basic !!!!'],
    ['no colon', `Basic ${b64('alice')}`],
    ['empty user', `Basic ${b64(':pw')}`],
    ['nothing after the scheme', 'Basic'],
    ['bad padding length', 'Basic YWJjZ'],
    ['too long', `Basic ${'A'.repeat(4096)}`],
  ])('%s is malformed', (_what, header) => {
    expect(parseBasicHeader(header)).toEqual({ malformed: true });
  });
});

describe('VerifiedPasswords', () => {
  /** the real scrypt check, counted */
  const counted = () => {
    const runs = { n: 0 };
    const cache = new VerifiedPasswords((pw, hash) => (runs.n++, verifyPassword(pw, hash)));
    return { runs, cache };
  };

  it('caches a success against the hash that verified it; a new hash or a wrong password misses', async () => {
    const { runs, cache } = counted();
    const h1 = await hashPassword('correct horse');
    const h2 = await hashPassword('correct horse');
    expect(await cache.verify('alice', 'correct horse', h1)).toBe(true);
    expect(await cache.verify('alice', 'correct horse', h1)).toBe(true);
    expect(runs.n).toBe(1);
    expect(await cache.verify('alice', 'wrong', h1)).toBe(false);
    expect(await cache.verify('alice', 'wrong', h1)).toBe(false);
    expect(runs.n).toBe(3);
    // same presented pair, another stored hash (the password was set again): checked again, not a cache hit
    expect(await cache.verify('alice', 'correct horse', h2)).toBe(true);
    expect(runs.n).toBe(4);
    expect(await cache.verify('alice', 'correct horse', 'scrypt$bad')).toBe(false);
  });

  it('shares one scrypt run between concurrent checks of the same pair', async () => {
    const { runs, cache } = counted();
    const h = await hashPassword('pw-pw-pw-pw');
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.verify('u', 'pw-pw-pw-pw', h)));
    expect(results).toEqual([true, true, true, true, true]);
    expect(runs.n).toBe(1);
  });
});
