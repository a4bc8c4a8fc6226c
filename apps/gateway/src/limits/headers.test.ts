import { describe, expect, it } from 'vitest';
import { rateLimitHeader, retryAfterSeconds, type NamedWindow } from './headers';
import { LocalCounterStore } from './local-store';
import type { LimitAlgorithm, LimitDecision, LimitWindow } from './types';

/** The header fields of real decisions: the local store's arithmetic on a hand-moved clock. */
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
// a day boundary, so "x ms into the window" is clear
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % DAY);

function counter(algorithm: LimitAlgorithm, windows: LimitWindow[], at: number) {
  const clock = { now: at };
  const store = new LocalCounterStore(() => clock.now);
  const hit = (n: number): LimitDecision[] => Array.from({ length: n }, () => store.decideNow({ key: 'k', algorithm, windows }));
  return { clock, hit };
}

/** the refusal's RateLimit field and Retry-After, as answer.ts sends them */
function fields(named: NamedWindow[], d: LimitDecision): { rateLimit: string; retryAfter: number } {
  expect(d.allowed).toBe(false);
  return { rateLimit: rateLimitHeader(named, d), retryAfter: Number(retryAfterSeconds(d)) };
}

describe('RateLimit t and Retry-After on a 429', () => {
  const minute: NamedWindow[] = [{ name: 'minute', limit: 4, seconds: 60 }];

  it('sliding window, this window full: t is when a request fits again (after the window ends), and Retry-After says the same', () => {
    // 30 s into the window, 4 of 4 used: the window ends in 30 s, a request fits 45 s from now
    const { hit } = counter('sliding-window', [{ limit: 4, ms: MINUTE }], T0 + 30_000);
    const [refused] = hit(5).slice(-1);
    expect(fields(minute, refused)).toEqual({ rateLimit: '"minute";r=0;t=45', retryAfter: 45 });
  });

  it('sliding window, the previous window fading: t is when a request fits again (before the window ends)', () => {
    const { clock, hit } = counter('sliding-window', [{ limit: 4, ms: MINUTE }], T0 + 50_000);
    hit(4);
    // 15 s into the next window 3 of the previous 4 still count: one more fits, then full until the
    // previous weighs 2 (30 s in), although this window ends 45 s from now
    clock.now = T0 + MINUTE + 15_000;
    const [ok, refused] = hit(2);
    expect(ok.allowed).toBe(true);
    expect(fields(minute, refused)).toEqual({ rateLimit: '"minute";r=0;t=15', retryAfter: 15 });
  });

  it('several windows: the refusing one says Retry-After, the ones with quota left keep their reset', () => {
    const { hit } = counter('sliding-window', [{ limit: 2, ms: 1_000 }, { limit: 100, ms: HOUR }], T0 + 100);
    // 2 of 2 in this second: the next fits 0.9 s (rest of this second) + 0.5 s (half the previous faded) from now
    const [refused] = hit(3).slice(-1);
    const named = [{ name: 'second', limit: 2, seconds: 1 }, { name: 'hour', limit: 100, seconds: 3600 }];
    expect(fields(named, refused)).toEqual({ rateLimit: '"second";r=0;t=2, "hour";r=98;t=3600', retryAfter: 2 });
  });

  it('gcra: t is one emission interval (when the next request fits), not the time until the bucket is empty', () => {
    // 4 per hour at once: the bucket empties in an hour, the next request fits in 15 minutes
    const { hit } = counter('gcra', [{ limit: 4, ms: HOUR }], T0);
    const [refused] = hit(5).slice(-1);
    expect(fields([{ name: 'hour', limit: 4, seconds: 3600 }], refused)).toEqual({ rateLimit: '"hour";r=0;t=900', retryAfter: 900 });
  });

  it('quota (fixed period): t and Retry-After are both the end of the period', () => {
    const { hit } = counter('fixed', [{ limit: 2, ms: DAY, start: T0 }], T0 + DAY - 7_200_000);
    const [refused] = hit(3).slice(-1);
    expect(fields([{ name: 'quota-day', limit: 2, seconds: 86_400 }], refused)).toEqual({ rateLimit: '"quota-day";r=0;t=7200', retryAfter: 7200 });
  });
});
