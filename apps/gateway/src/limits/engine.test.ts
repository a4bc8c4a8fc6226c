import { describe, expect, it } from 'vitest';
import { LocalCounterStore } from './local-store';
import type { LimitAlgorithm, LimitWindow } from './types';

/** The local store on a hand-moved clock: the algorithms' arithmetic, no timing. */
function store(startMs: number) {
  const clock = { now: startMs };
  const s = new LocalCounterStore(() => clock.now);
  const hit = (algorithm: LimitAlgorithm, windows: LimitWindow[], key = 'k') => s.decideNow({ key, algorithm, windows });
  return { clock, s, hit };
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
// a window boundary, so "x ms into the window" is clear
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % HOUR);

describe('sliding window', () => {
  it('allows exactly the limit in a fresh window, counts down remaining and refuses the rest', () => {
    const { hit } = store(T0 + 10_000);
    const w = [{ limit: 5, ms: MINUTE }];
    const results = Array.from({ length: 8 }, () => hit('sliding-window', w));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false, false, false]);
    expect(results.map((r) => r.windows[0].remaining)).toEqual([4, 3, 2, 1, 0, 0, 0, 0]);
    expect(results[0].windows[0].resetMs).toBe(50_000);
  });

  it('weights the previous window by how much of it still overlaps', () => {
    const { clock, hit } = store(T0 + 1_000);
    const w = [{ limit: 10, ms: MINUTE }];
    for (let i = 0; i < 10; i++) expect(hit('sliding-window', w).allowed).toBe(true);
    // a quarter into the next window, 3/4 of the previous 10 still count: 7.5 -> two more fit (9.5 <= 10)
    clock.now = T0 + MINUTE + 15_000;
    expect([1, 2, 3].map(() => hit('sliding-window', w).allowed)).toEqual([true, true, false]);
  });

  it('retry-after is the first moment a request fits again', () => {
    const { clock, hit } = store(T0 + 30_000);
    const w = [{ limit: 4, ms: MINUTE }];
    for (let i = 0; i < 4; i++) hit('sliding-window', w);
    const refused = hit('sliding-window', w);
    expect(refused.allowed).toBe(false);
    // this window alone is full: into the next window until 4*(1-t/W) <= 3, i.e. t = 15 s; plus 30 s left here
    expect(refused.retryAfterMs).toBe(45_000);
    clock.now += refused.retryAfterMs - 1;
    expect(hit('sliding-window', w).allowed).toBe(false);
    clock.now += 1;
    expect(hit('sliding-window', w).allowed).toBe(true);
  });

  it('does not count a refused request in the windows that allowed it', () => {
    const { clock, hit } = store(T0 + 100);
    const w = [
      { limit: 2, ms: 1_000 },
      { limit: 5, ms: MINUTE },
    ];
    expect([1, 2, 3, 4].map(() => hit('sliding-window', w).allowed)).toEqual([true, true, false, false]);
    // the two refused ones did not eat the minute: 3 left for the next seconds
    const next = () => {
      clock.now += 2_000;
      return hit('sliding-window', w);
    };
    const later = [next(), next(), next(), next()];
    expect(later.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(later[2].windows.map((x) => x.remaining)).toEqual([1, 0]);
    // refused by the minute only: retry waits for the minute, not the second
    expect(later[3].retryAfterMs).toBeGreaterThan(1_000);
    // the per-second window allowed it, but it was not counted there either: both still left
    expect(later[3].windows[0].remaining).toBe(2);
  });

  it('keeps subjects apart', () => {
    const { hit } = store(T0);
    const w = [{ limit: 1, ms: MINUTE }];
    expect(hit('sliding-window', w, 'a').allowed).toBe(true);
    expect(hit('sliding-window', w, 'b').allowed).toBe(true);
    expect(hit('sliding-window', w, 'a').allowed).toBe(false);
  });
});

describe('gcra', () => {
  it('allows a burst of the limit, then one request per emission interval', () => {
    const { clock, hit } = store(T0 + 123);
    const w = [{ limit: 6, ms: MINUTE }]; // one every 10 s
    const burst = Array.from({ length: 7 }, () => hit('gcra', w));
    expect(burst.map((r) => r.allowed)).toEqual([true, true, true, true, true, true, false]);
    expect(burst.map((r) => r.windows[0].remaining)).toEqual([5, 4, 3, 2, 1, 0, 0]);
    expect(burst[6].retryAfterMs).toBe(10_000);
    clock.now += 9_999;
    expect(hit('gcra', w).allowed).toBe(false);
    clock.now += 1;
    expect(hit('gcra', w).allowed).toBe(true);
    expect(hit('gcra', w).allowed).toBe(false);
    // after a whole idle window the full burst is back
    clock.now += MINUTE;
    expect(Array.from({ length: 7 }, () => hit('gcra', w).allowed).filter(Boolean)).toHaveLength(6);
  });

  it('is exact for limits that do not divide the window', () => {
    const { hit } = store(T0);
    const w = [{ limit: 7, ms: 1_000 }];
    expect(Array.from({ length: 10 }, () => hit('gcra', w).allowed).filter(Boolean)).toHaveLength(7);
  });

  it('several windows: the tighter one decides, a refusal is counted nowhere', () => {
    const { clock, hit } = store(T0);
    const w = [
      { limit: 2, ms: 1_000 },
      { limit: 3, ms: MINUTE },
    ];
    expect([1, 2, 3].map(() => hit('gcra', w).allowed)).toEqual([true, true, false]);
    clock.now += 1_000;
    expect([1, 2].map(() => hit('gcra', w).allowed)).toEqual([true, false]);
    expect(hit('gcra', w).windows[1].remaining).toBe(0);
  });
});

describe('fixed period (quota)', () => {
  it('counts up to the limit inside the period and starts over in the next', () => {
    const { clock, hit } = store(T0 + 5_000);
    const day = 86_400_000;
    const start = T0 - (T0 % day);
    const w = [{ limit: 3, ms: day, start }];
    expect([1, 2, 3, 4].map(() => hit('fixed', w).allowed)).toEqual([true, true, true, false]);
    const refused = hit('fixed', w);
    expect(refused.retryAfterMs).toBe(start + day - clock.now);
    clock.now = start + day;
    expect(hit('fixed', [{ limit: 3, ms: day, start: start + day }]).allowed).toBe(true);
  });
});

describe('bounded memory', () => {
  it('past the entry cap drops the least recently counted subjects, keeping the active ones', () => {
    const clock = { now: T0 };
    const s = new LocalCounterStore(() => clock.now, 100);
    const w = [{ limit: 2, ms: HOUR }];
    s.decideNow({ key: 'hot', algorithm: 'sliding-window', windows: w });
    s.decideNow({ key: 'hot', algorithm: 'sliding-window', windows: w });
    // from here on every request of the hot subject is refused, and must stay refused through the flood
    for (let i = 0; i < 150; i++) {
      s.decideNow({ key: `flood-${i}`, algorithm: 'sliding-window', windows: w });
      if (i % 10 === 0) expect(s.decideNow({ key: 'hot', algorithm: 'sliding-window', windows: w }).allowed).toBe(false);
    }
    expect(s.size).toBeLessThanOrEqual(100);
    // the hot subject kept its count (2 used): refused
    expect(s.decideNow({ key: 'hot', algorithm: 'sliding-window', windows: w }).allowed).toBe(false);
    s.close();
  });
});

describe('sweep', () => {
  it('forgets counters whose windows have passed', () => {
    const { clock, s, hit } = store(T0);
    hit('sliding-window', [{ limit: 5, ms: 1_000 }]);
    hit('gcra', [{ limit: 5, ms: 1_000 }]);
    expect(s.size).toBe(2);
    clock.now += 3_000;
    s.sweep();
    expect(s.size).toBe(0);
    s.close();
  });
});
