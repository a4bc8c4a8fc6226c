import { GwErrorCode } from '@aya/config-schema';
import type { PhaseResult, PluginRequest } from '../plugins/types';
import { rateLimitHeader, retryAfterSeconds, type NamedWindow } from './headers';
import type { LimitOutcome } from './limit-service';

/**
 * What rate-limit and quota answer for a decision: nothing (continue, with the RateLimit fields added to
 * the response), the refusal `refused` with Retry-After, or 503 when the counters cannot be reached.
 * `policyHeader` undefined: the RateLimit fields are not sent (Retry-After still is).
 */
export function limitAnswer(
  r: PluginRequest,
  d: LimitOutcome,
  refused: GwErrorCode,
  named: readonly NamedWindow[],
  policyHeader: string | undefined,
): PhaseResult {
  if (d === 'unavailable') return { code: GwErrorCode.LIMIT_UNAVAILABLE };
  const fields = policyHeader === undefined ? undefined : { 'RateLimit-Policy': policyHeader, RateLimit: rateLimitHeader(named, d) };
  if (!d.allowed) return { code: refused, headers: { ...fields, 'Retry-After': retryAfterSeconds(d) } };
  if (fields) r.responseHeaders.push(['RateLimit-Policy', fields['RateLimit-Policy']], ['RateLimit', fields.RateLimit]);
  return undefined;
}
