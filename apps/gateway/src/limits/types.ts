/**
 * The counter contract shared by rate-limit and quota, whatever keeps the counters (this process, the
 * cluster primary over IPC, Redis). A query names one subject (the key) and every window that applies to
 * it; the answer is one decision for all of them, so a request is either counted in every window or in none.
 */

/**
 * sliding-window: two fixed windows, the previous one weighted by how much of it still overlaps (what
 * Kong, Envoy and Cloudflare do); gcra: the generic cell rate algorithm (a bucket that refills evenly, a
 * burst of `limit` at once); fixed: a calendar period given by the caller (quota days and months).
 */
export type LimitAlgorithm = 'sliding-window' | 'gcra' | 'fixed';

export interface LimitWindow {
  readonly limit: number;
  /** the window's length; fixed: the current period's length */
  readonly ms: number;
  /** fixed only: the current period's start (ms since the epoch) */
  readonly start?: number;
}

export interface LimitQuery {
  /** instance + subject; the store prefixes it */
  readonly key: string;
  readonly algorithm: LimitAlgorithm;
  readonly windows: readonly LimitWindow[];
  /** Redis only: count up to this many requests at once (a lease, lease.ts); default 1 */
  readonly want?: number;
}

export interface WindowState {
  readonly limit: number;
  /** requests left in this window after this decision */
  readonly remaining: number;
  /** ms until the window's count is back to zero (sliding: until the current fixed window ends) */
  readonly resetMs: number;
}

export interface LimitDecision {
  readonly allowed: boolean;
  /** refused: ms until a request would be allowed by every window; allowed: 0 */
  readonly retryAfterMs: number;
  /** in the order of the query's windows */
  readonly windows: readonly WindowState[];
  /** how many requests were counted (a lease: up to `want`); absent = 1 if allowed, else 0 */
  readonly granted?: number;
}

/** Where counters live. decide() rejects when the store cannot answer (Redis down, primary gone). */
export interface CounterStore {
  decide(query: LimitQuery): Promise<LimitDecision>;
}
