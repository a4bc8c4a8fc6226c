/**
 * Sign-in backoff, pure. Two counters of failed sign-ins: per account (the username as typed) and per client
 * address. Past its free failures each one locks for `firstLockMs`, doubling with every further failure up to
 * `maxLockMs`. While locked no password is checked (429 + Retry-After) and refused attempts do not count.
 *
 * An address with no recent failure is not held back by an account's lock: a stranger hammering `admin` locks
 * `admin` for at most a minute at a time for addresses that have failed themselves, never for the real admin on a
 * clean one (each clean address gets one guess before it counts as failed, so a botnet gains one guess per
 * address, then meets both locks). Addresses lock longer, but only hit the address that failed.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  firstLockMs: number;
  maxLockMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 5, firstLockMs: 15_000, maxLockMs: 60_000 };
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 10, firstLockMs: 15_000, maxLockMs: 15 * 60_000 };
/** Failures older than this are forgotten (their rows deleted); longer than any lock. */
export const THROTTLE_WINDOW_MS = 60 * 60_000;

/** How long to lock after the `failures`-th failure (0: not yet). */
export function lockMsAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** doublings);
}

/** One counter as read before an attempt: recent failures and how long its lock still holds (0 = none). */
export interface CounterState {
  failures: number;
  lockedForMs: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function decideAttempt(account: CounterState, address: CounterState): ThrottleDecision {
  const waits: number[] = [];
  if (address.lockedForMs > 0) waits.push(address.lockedForMs);
  // a locked account holds back every address that has failed recently, whichever account it failed on
  if (account.lockedForMs > 0 && address.failures > 0) waits.push(account.lockedForMs);
  if (waits.length === 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
}
