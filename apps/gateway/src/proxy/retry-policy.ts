import { errorCodeOf, isConnectFailure, isTimeout } from './errors';

/** Methods whose repetition has the same effect as one call (RFC 9110 9.2.2), minus TRACE. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Our own aborts (send / total timeout) carry codes the error classifier knows as timeouts. */
export class GatewayTimeoutError extends Error {
  constructor(readonly code: 'AYA_SEND_TIMEOUT' | 'AYA_TOTAL_TIMEOUT') {
    super(code === 'AYA_SEND_TIMEOUT' ? 'upstream did not take the request body in time' : 'request exceeded its total time');
  }
}

export function isGatewayTimeout(err: unknown): boolean {
  return err instanceof GatewayTimeoutError;
}

export interface AttemptFacts {
  method: string;
  /** the request carries a body: once read it cannot be replayed */
  hasBody: boolean;
  /** the client (undici or the lean one) called onRequestStart: the connection was open and bytes may have left */
  connected: boolean;
}

/**
 * The attempt's connection never opened (refused, reset or timed out while connecting, host
 * unreachable): both clients call onRequestStart only once a socket is connected, right before they
 * write the first byte and start reading the request body, so nothing reached the target and a
 * streamed body is still unread, whole, for another target.
 */
export function nothingSent(err: Error, connected: boolean): boolean {
  return !connected && isConnectFailure(err);
}

/** The target did not answer in time: no connection within the connect timeout, no response head within the read timeout. */
const NO_ANSWER_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

/**
 * What the default passive health counts against a target (the one place that decides it): the
 * attempt failed without the target giving any answer, because its connection never opened (see
 * nothingSent) or its response head did not arrive within the connect / read timeout, as nginx's
 * `max_fails` counts `error timeout`. Not counted: any HTTP status (a 5xx is an answer, and an
 * upstream-wide 5xx must not empty the upstream); our own total timeout (the client's budget, not
 * the target's fault) and send timeout (the request body may be slow on the client's side); a reset
 * after the request left (often a kept-alive connection the target closed as it was reused). A body
 * that goes idle after the head arrived never gets here: the head already reported the attempt as
 * answered (forward.ts), and a slow stream is the application's pace, not a silent target.
 */
export function targetSilent(err: Error, connected: boolean): boolean {
  return nothingSent(err, connected) || NO_ANSWER_CODES.has(errorCodeOf(err));
}

/**
 * How a failed attempt may go to another target:
 * - `unsent`: nothing was sent (see nothingSent): any method, without using up the service's
 *   `retries` (each target is still tried once at most, within the retry budget);
 * - `retry`: an idempotent method without a body that failed after sending (reset, closed) or
 *   timed out: one of the service's `retries` (never after the total timeout: the time is gone);
 * - `none`: a non-idempotent request or one with a body, once bytes may have left.
 */
export function retryKind(err: Error, facts: AttemptFacts): 'unsent' | 'retry' | 'none' {
  if (err instanceof GatewayTimeoutError && err.code === 'AYA_TOTAL_TIMEOUT') return 'none';
  if (nothingSent(err, facts.connected)) return 'unsent';
  if (!IDEMPOTENT.has(facts.method) || facts.hasBody) return 'none';
  return isConnectFailure(err) || isTimeout(err) || isGatewayTimeout(err) ? 'retry' : 'none';
}

/** EWMA weight of a new latency sample: ~ the last 5 responses dominate. */
const ALPHA = 0.3;
/** A failure counts as this slow at least, so least-latency steers away from a failing target. */
export const FAILURE_LATENCY_MS = 1_000;

export function ewma(previous: number, sampleMs: number): number {
  return previous === 0 ? sampleMs : previous + ALPHA * (sampleMs - previous);
}
