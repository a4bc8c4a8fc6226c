import { isConnectFailure, isTimeout } from './errors';

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
  /** undici handed the request to a connected socket: bytes may have left */
  connected: boolean;
}

/**
 * May this failed attempt be tried again on another target? Any method when the connection
 * failed before anything was sent; otherwise only idempotent methods without a body, on
 * connection failures and timeouts (never after a total timeout: the time is gone).
 */
export function retryable(err: Error, facts: AttemptFacts): boolean {
  if (err instanceof GatewayTimeoutError && err.code === 'AYA_TOTAL_TIMEOUT') return false;
  if (!facts.connected && isConnectFailure(err)) return true;
  if (!IDEMPOTENT.has(facts.method) || facts.hasBody) return false;
  return isConnectFailure(err) || isTimeout(err) || isGatewayTimeout(err);
}

/** EWMA weight of a new latency sample: ~ the last 5 responses dominate. */
const ALPHA = 0.3;
/** A failure counts as this slow at least, so least-latency steers away from a failing target. */
export const FAILURE_LATENCY_MS = 1_000;

export function ewma(previous: number, sampleMs: number): number {
  return previous === 0 ? sampleMs : previous + ALPHA * (sampleMs - previous);
}
