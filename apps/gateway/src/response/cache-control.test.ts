import { describe, expect, it } from 'vitest';
import { parseCacheControl, storableTtl, type StorableInput } from './cache-control';

describe('parseCacheControl', () => {
  it('reads directives, values and quoted lists', () => {
    const d = parseCacheControl('public, max-age=60, S-MAXAGE="30", no-cache="set-cookie, x-a", must-revalidate');
    expect([...d]).toEqual([
      ['public', ''],
      ['max-age', '60'],
      ['s-maxage', '30'],
      ['no-cache', 'set-cookie, x-a'],
      ['must-revalidate', ''],
    ]);
  });
  it('joins repeated headers and tolerates garbage', () => {
    expect([...parseCacheControl(['max-age=5', 'private'])]).toEqual([
      ['max-age', '5'],
      ['private', ''],
    ]);
    expect(parseCacheControl(undefined).size).toBe(0);
    expect(parseCacheControl(' , ,').size).toBe(0);
  });
});

describe('storableTtl', () => {
  const base = (over: Partial<StorableInput> & { cc?: string } = {}): number =>
    storableTtl({
      status: 200,
      directives: parseCacheControl(over.cc),
      hasSetCookie: false,
      vary: '',
      age: 0,
      authorized: false,
      routeTtlSeconds: 60,
      ...over,
    });

  it('uses the route TTL when the upstream says nothing', () => expect(base()).toBe(60));
  it('reads Expires (from Date, else now) only without max-age; a bad Expires is already expired', () => {
    const date = 'Wed, 25 Nov 2026 10:00:00 GMT';
    expect(base({ expires: 'Wed, 25 Nov 2026 10:00:30 GMT', date })).toBe(30);
    expect(base({ expires: 'Wed, 25 Nov 2026 11:00:00 GMT', date })).toBe(60);
    expect(base({ expires: 'Wed, 25 Nov 2026 09:00:00 GMT', date })).toBe(0);
    expect(base({ expires: '0', date })).toBe(0);
    expect(base({ expires: 'Wed, 25 Nov 2026 10:00:20 GMT', nowMs: Date.parse(date) })).toBe(20);
    expect(base({ expires: 'Wed, 25 Nov 2026 10:00:20 GMT', date, cc: 'max-age=5' })).toBe(5);
  });
  it('lets s-maxage, then max-age, only shorten it', () => {
    expect(base({ cc: 'max-age=10' })).toBe(10);
    expect(base({ cc: 'max-age=10, s-maxage=20' })).toBe(20);
    expect(base({ cc: 'max-age=600' })).toBe(60);
    expect(base({ cc: 'max-age=0' })).toBe(0);
    expect(base({ cc: 'max-age=bogus' })).toBe(60);
  });
  it('subtracts the upstream Age', () => {
    expect(base({ cc: 'max-age=10', age: 4 })).toBe(6);
    expect(base({ cc: 'max-age=10', age: 40 })).toBe(0);
  });
  it.each(['no-store', 'private', 'no-cache', 'private="x"', 'no-cache="set-cookie"'])('refuses %s', (cc) => expect(base({ cc })).toBe(0));
  it('refuses Set-Cookie, Vary: *, and statuses outside the list', () => {
    expect(base({ hasSetCookie: true })).toBe(0);
    expect(base({ vary: 'accept, *' })).toBe(0);
    expect(base({ status: 500 })).toBe(0);
    expect(base({ status: 206 })).toBe(0);
    expect(base({ status: 404 })).toBe(60);
    expect(base({ status: 301 })).toBe(60);
  });
  it('stores an authorized answer only when marked shareable', () => {
    expect(base({ authorized: true })).toBe(0);
    expect(base({ authorized: true, cc: 'public' })).toBe(60);
    expect(base({ authorized: true, cc: 's-maxage=5' })).toBe(5);
  });
});
