import { LRUCache } from 'lru-cache';
import type { CounterStore, LimitDecision, LimitQuery, WindowState } from './types';

/** A lease is at most this share of the tightest window's limit (limits under 1,000 are never leased). */
export const LEASE_SHARE = 0.002;
/** A lease is sized to last about this long at this process's own rate for the subject. */
export const LEASE_TARGET_MS = 100;
/**
 * Unused requests of a lease are dropped after this, so an idle process holds nothing for long; a refusal
 * is replayed for this long at most, so counters reset in Redis (or a Redis that lost them) count again
 * within a second.
 */
export const LEASE_MAX_MS = 1_000;
/** Subjects remembered at most (lease and refusal state, ~200 bytes each); the least recent go first. */
const MAX_SUBJECTS = 100_000;

interface Subject {
  /** leased requests not handed out yet */
  tokens: number;
  expiresAt: number;
  /** when the last grant came, and its windows (remaining after the grant): headers of leased requests */
  grantedAt: number;
  windows: readonly WindowState[];
  /** the lease to ask for next */
  size: number;
  /** the last refusal, replayed until it says a request could pass */
  denial?: LimitDecision;
  deniedAt: number;
  inFlight?: Promise<LimitDecision>;
  waiting: number;
}

/**
 * Cluster counters without a Redis round trip per request. A process asks Redis for a lease: up to N
 * requests counted at once by the same atomic script (`want`, redis-script.ts), then hands them out
 * locally. N starts at 1 and doubles while a lease is used up within LEASE_TARGET_MS (halves when it
 * lasts much longer), capped at LEASE_SHARE of the tightest limit. Redis counts every leased request
 * before it is used, so the cluster never lets more than the limit through; what a process still
 * holds when a lease expires is lost, so the cluster may refuse up to LEASE_SHARE of the limit per
 * process early (0.2% each: 10 worker processes stay within the 2% the tests hold).
 *
 * A refusal is replayed locally until its Retry-After (LEASE_MAX_MS at most): other gateways can only use
 * up more, never give back, so nothing would pass before then anyway; a 429 flood costs Redis one call
 * per subject and process a second.
 */
export class LeasingCounterStore implements CounterStore {
  private readonly subjects = new LRUCache<string, Subject>({ max: MAX_SUBJECTS });

  constructor(
    private readonly store: CounterStore,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * The decision at once when this process can make it (a leased request left, or a refusal to replay):
   * the request path then runs without a promise. undefined: use decide().
   */
  decideNow(query: LimitQuery): LimitDecision | undefined {
    const s = this.subjects.get(subjectId(query));
    return s && local(s, this.clock());
  }

  async decide(query: LimitQuery): Promise<LimitDecision> {
    const id = subjectId(query);
    let s = this.subjects.get(id);
    if (!s) {
      s = { tokens: 0, expiresAt: 0, grantedAt: 0, windows: [], size: 1, deniedAt: 0, waiting: 0 };
      this.subjects.set(id, s);
    }
    const cap = maxLease(query);
    for (;;) {
      const d = local(s, this.clock());
      if (d) return d;
      // small limits are never leased: concurrent decisions go to Redis together (batched per turn)
      if (cap === 1 || !s.inFlight) break;
      s.waiting++;
      await s.inFlight.catch(() => undefined);
      s.waiting--;
    }
    return this.fetch(query, s, cap);
  }

  private async fetch(query: LimitQuery, s: Subject, cap: number): Promise<LimitDecision> {
    const now = this.clock();
    if (cap > 1) {
      const lasted = now - s.grantedAt;
      if (s.tokens === 0 && lasted < LEASE_TARGET_MS) s.size *= 2;
      else if (lasted > 4 * LEASE_TARGET_MS) s.size = Math.floor(s.size / 2);
      // requests queued behind this fetch are served from it too
      s.size = Math.max(1, Math.min(cap, Math.max(s.size, s.waiting + 1)));
    }
    const want = cap > 1 ? s.size : 1;
    const pending = this.store.decide(want > 1 ? { ...query, want } : query);
    if (cap > 1) s.inFlight = pending;
    try {
      const d = await pending;
      const at = this.clock();
      const granted = d.granted ?? (d.allowed ? 1 : 0);
      if (granted < 1) {
        s.tokens = 0;
        s.denial = d;
        s.deniedAt = at;
        return d;
      }
      s.denial = undefined;
      s.tokens = granted - 1;
      s.grantedAt = at;
      s.windows = d.windows;
      s.expiresAt = at + lifetime(query, d, granted);
      return fromLease(s, at);
    } finally {
      if (s.inFlight === pending) s.inFlight = undefined;
    }
  }
}

/** A request served from the subject's lease, or its refusal replayed; undefined: Redis must decide. */
function local(s: Subject, now: number): LimitDecision | undefined {
  if (s.tokens > 0 && now < s.expiresAt) {
    s.tokens--;
    return fromLease(s, now);
  }
  if (s.denial && now < s.deniedAt + Math.min(s.denial.retryAfterMs, LEASE_MAX_MS)) return fromDenial(s.denial, now - s.deniedAt);
  return undefined;
}

function subjectId(q: LimitQuery): string {
  let id = `${q.key}|${q.algorithm}`;
  for (const w of q.windows) id += `|${w.limit}:${w.ms}:${w.start ?? ''}`;
  return id;
}

/** The largest lease for a query: LEASE_SHARE of its tightest limit, at least 1 (no lease). */
export function maxLease(q: LimitQuery): number {
  let min = Infinity;
  for (const w of q.windows) min = Math.min(min, w.limit);
  return Math.max(1, Math.floor(min * LEASE_SHARE));
}

/**
 * How long leased requests may be used: within the windows they were counted in (sliding, fixed: until
 * the current window ends), for gcra the time the leased requests take to drip out of the bucket.
 */
function lifetime(q: LimitQuery, d: LimitDecision, granted: number): number {
  let ms = LEASE_MAX_MS;
  q.windows.forEach((w, i) => {
    ms = Math.min(ms, q.algorithm === 'gcra' ? (granted * w.ms) / w.limit : d.windows[i].resetMs - 1);
  });
  return Math.max(0, ms);
}

/** A request served from the lease: each window's remaining includes what this process still holds. */
function fromLease(s: Subject, now: number): LimitDecision {
  const elapsed = now - s.grantedAt;
  const windows = s.windows.map((w) => ({ limit: w.limit, remaining: w.remaining + s.tokens, resetMs: Math.max(0, w.resetMs - elapsed) }));
  return { allowed: true, retryAfterMs: 0, windows };
}

function fromDenial(d: LimitDecision, elapsed: number): LimitDecision {
  const windows = d.windows.map((w) => ({ limit: w.limit, remaining: w.remaining, resetMs: Math.max(0, w.resetMs - elapsed) }));
  return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(d.retryAfterMs - elapsed)), windows };
}
