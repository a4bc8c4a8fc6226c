import type { LimitDecision } from './types';

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, the -08..-10 form): structured
 * field Lists of one item per policy, named by a string.
 *   RateLimit-Policy: "minute";q=100;w=60, "day";q=5000;w=86400   (quota q per window of w seconds)
 *   RateLimit: "minute";r=42;t=17, "day";r=4800;t=3600             (r remaining, t seconds)
 *
 * What t means (the draft: "the number of seconds until additional quota ... is made available"):
 * - on an allowed response, and for a window with quota left (r > 0) on a 429: seconds until its count
 *   resets (sliding: the current fixed window ends; gcra: the bucket is empty again; quota: the period ends);
 * - a window that refused the request (r = 0 on a 429): seconds until the request fits again, the same
 *   number as Retry-After (the draft asks that Retry-After not name a point earlier than t). Its count
 *   reset would not do: a sliding window's or gcra's lies well before or after the moment one request
 *   fits again, so the two fields contradicted each other.
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
  const retry = d.allowed ? 0 : retrySeconds(d);
  return windows
    .map((w, i) => {
      const s = d.windows[i];
      const t = retry > 0 && s.remaining === 0 ? retry : Math.max(0, Math.ceil(s.resetMs / 1000));
      return `"${w.name}";r=${s.remaining};t=${t}`;
    })
    .join(', ');
}

/** Whole seconds, at least 1: a client that retries after this is not refused by the same window again. */
function retrySeconds(d: LimitDecision): number {
  return Math.max(1, Math.ceil(d.retryAfterMs / 1000));
}

export function retryAfterSeconds(d: LimitDecision): string {
  return String(retrySeconds(d));
}
