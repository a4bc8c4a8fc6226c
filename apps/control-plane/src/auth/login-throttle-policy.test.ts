import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, ADDRESS_POLICY, decideAttempt, lockMsAfter } from './login-throttle-policy';

describe('sign-in backoff', () => {
  it('locks after the free failures, doubling up to the cap', () => {
    const locks = Array.from({ length: 12 }, (_, i) => lockMsAfter(i + 1, ACCOUNT_POLICY));
    expect(locks).toEqual([0, 0, 0, 0, 15_000, 30_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000]);
    expect(lockMsAfter(9, ADDRESS_POLICY)).toBe(0);
    expect(lockMsAfter(10, ADDRESS_POLICY)).toBe(15_000);
    expect(lockMsAfter(1_000_000, ADDRESS_POLICY)).toBe(15 * 60_000);
  });

  it('holds back a locked address, and a failed address while its account is locked, never a clean one', () => {
    const none = { failures: 0, lockedForMs: 0 };
    expect(decideAttempt(none, none)).toEqual({ allowed: true });
    expect(decideAttempt(none, { failures: 10, lockedForMs: 1500 })).toEqual({ allowed: false, retryAfterSeconds: 2 });
    const lockedAccount = { failures: 7, lockedForMs: 40_000 };
    expect(decideAttempt(lockedAccount, none)).toEqual({ allowed: true });
    expect(decideAttempt(lockedAccount, { failures: 1, lockedForMs: 0 })).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(decideAttempt(lockedAccount, { failures: 12, lockedForMs: 90_000 })).toEqual({ allowed: false, retryAfterSeconds: 90 });
    expect(decideAttempt(none, { failures: 3, lockedForMs: 10 })).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
