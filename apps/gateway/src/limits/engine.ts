import type { LimitAlgorithm, LimitDecision, LimitQuery, LimitWindow, WindowState } from './types';

/**
 * The counting algorithms on plain numbers, for the in-process store (and the cluster primary's). The
 * Redis script (redis-script.ts) is the same arithmetic in Lua; engine.test.ts and the Redis tests run
 * the same cases against both.
 *
 * A refused request is counted in NO window: every window is evaluated first and the new counts are
 * written only when all of them allow the request. A client that keeps hammering a refused limit
 * therefore does not push its own reset further away, and a per-second refusal does not eat into the
 * per-day allowance.
 */

/** GCRA arrival times are fractions of a ms (window / limit); this absorbs their rounding */
const EPSILON_MS = 1e-3;

/** One window's counter state: sliding [windowIndex, current, previous]; gcra [tat]; fixed [periodStart, count]. */
export type Slot = number[];

interface Evaluation {
  readonly ok: boolean;
  readonly remaining: number;
  readonly resetMs: number;
  readonly retryMs: number;
  /** the slot's values if the request is counted */
  readonly next: Slot;
}

function sliding(slot: Slot | undefined, w: LimitWindow, now: number): Evaluation {
  const W = w.ms;
  const L = w.limit;
  const idx = Math.floor(now / W);
  const elapsed = now - idx * W;
  let cur = 0;
  let prev = 0;
  if (slot && slot[0] === idx) [, cur, prev] = slot;
  else if (slot && slot[0] === idx - 1) prev = slot[1];
  const estimate = (prev * (W - elapsed)) / W + cur;
  const resetMs = W - elapsed;
  if (estimate + 1 <= L) return { ok: true, remaining: Math.max(0, Math.floor(L - estimate - 1)), resetMs, retryMs: 0, next: [idx, cur + 1, prev] };
  // the earliest time the estimate leaves room for one: later in this window as the previous one fades,
  // or (this window alone is full) in the next window once this one has faded enough
  const retryMs = cur + 1 <= L && prev > 0 ? resetMs - ((L - 1 - cur) * W) / prev : resetMs + W - ((L - 1) * W) / cur;
  return { ok: false, remaining: Math.max(0, Math.floor(L - estimate)), resetMs, retryMs: Math.max(retryMs, 1), next: [idx, cur, prev] };
}

function gcra(slot: Slot | undefined, w: LimitWindow, now: number): Evaluation {
  const interval = w.ms / w.limit;
  const tat = Math.max(slot ? slot[0] : 0, now);
  const nextTat = tat + interval;
  if (nextTat - now <= w.ms + EPSILON_MS) {
    return { ok: true, remaining: Math.max(0, Math.floor((w.ms - (nextTat - now) + EPSILON_MS) / interval)), resetMs: nextTat - now, retryMs: 0, next: [nextTat] };
  }
  return { ok: false, remaining: 0, resetMs: tat - now, retryMs: Math.max(nextTat - w.ms - now, 1), next: [tat] };
}

function fixed(slot: Slot | undefined, w: LimitWindow, now: number): Evaluation {
  const start = w.start ?? Math.floor(now / w.ms) * w.ms;
  const count = slot && slot[0] === start ? slot[1] : 0;
  const resetMs = start + w.ms - now;
  if (count + 1 <= w.limit) return { ok: true, remaining: w.limit - count - 1, resetMs, retryMs: 0, next: [start, count + 1] };
  return { ok: false, remaining: 0, resetMs, retryMs: Math.max(resetMs, 1), next: [start, count] };
}

const EVALUATE: Record<LimitAlgorithm, (slot: Slot | undefined, w: LimitWindow, now: number) => Evaluation> = {
  'sliding-window': sliding,
  gcra,
  fixed,
};

/** When a slot can be forgotten: nothing it holds matters after that. */
export function slotExpiry(algorithm: LimitAlgorithm, slot: Slot, w: LimitWindow): number {
  if (algorithm === 'sliding-window') return (slot[0] + 2) * w.ms;
  if (algorithm === 'gcra') return slot[0];
  return slot[0] + w.ms;
}

/**
 * Decides one query against its slots (one per window, in order) and, when allowed, writes the new
 * counts through `commit`. Pure apart from that callback.
 */
export function decide(query: LimitQuery, slots: ReadonlyArray<Slot | undefined>, now: number, commit: (i: number, next: Slot) => void): LimitDecision {
  const evaluate = EVALUATE[query.algorithm];
  const evals = query.windows.map((w, i) => evaluate(slots[i], w, now));
  const allowed = evals.every((e) => e.ok);
  if (allowed) evals.forEach((e, i) => commit(i, e.next));
  // a window that would have counted the request but was overruled by another: it did not count it
  const windows: WindowState[] = evals.map((e, i) => ({ limit: query.windows[i].limit, remaining: e.remaining + (e.ok && !allowed ? 1 : 0), resetMs: Math.ceil(e.resetMs) }));
  const retryAfterMs = allowed ? 0 : Math.ceil(Math.max(...evals.filter((e) => !e.ok).map((e) => e.retryMs)));
  return { allowed, retryAfterMs, windows };
}
