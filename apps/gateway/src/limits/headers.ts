import type { LimitDecision } from './types';

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, the -08..-10 form): structured
 * field Lists of one item per policy, named by a string.
 *   RateLimit-Policy: "minute";q=100;w=60, "day";q=5000;w=86400   (quota q per window of w seconds)
 *   RateLimit: "minute";r=42;t=17, "day";r=4800;t=3600             (r remaining, t seconds to reset)
 */
export interface NamedWindow {
  readonly name: string;
  readonly limit: number;
  readonly seconds: number;
}

/** Static per plugin instance: computed in create(). */
export function policyHeader(windows: readonly NamedWindow[]): string {
  return windows.map((w) => `"${w.name}";q=${w.limit};w=${w.seconds}`).join(', ');
}

export function rateLimitHeader(windows: readonly NamedWindow[], d: LimitDecision): string {
  return windows.map((w, i) => `"${w.name}";r=${d.windows[i].remaining};t=${Math.max(0, Math.ceil(d.windows[i].resetMs / 1000))}`).join(', ');
}

/** Whole seconds, at least 1: a client that retries after this is not refused by the same window again. */
export function retryAfterSeconds(d: LimitDecision): string {
  return String(Math.max(1, Math.ceil(d.retryAfterMs / 1000)));
}
