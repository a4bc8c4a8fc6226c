/** `grpc-timeout` units (gRPC over HTTP/2 spec): hours, minutes, seconds, milli-, micro-, nanoseconds. */
const UNIT_MS: Readonly<Record<string, number>> = { H: 3_600_000, M: 60_000, S: 1_000, m: 1, u: 0.001, n: 0.000001 };

/**
 * The client's deadline in ms from a gRPC request's `grpc-timeout` (at most 8 digits and a unit),
 * or 0 when it sets none or sets it malformed (then the service's own timeouts apply alone).
 */
export function grpcDeadlineMs(value: string | string[] | undefined): number {
  if (typeof value !== 'string') return 0;
  const m = /^(\d{1,8})([HMSmun])$/.exec(value);
  if (!m) return 0;
  // a deadline below a millisecond is still one: it must expire, not switch the timer off
  return Math.max(1, Math.ceil(Number(m[1]) * UNIT_MS[m[2]]));
}

/** The tighter of two timeouts where 0 means none. */
export function tighterTimeout(a: number, b: number): number {
  if (a <= 0) return b;
  if (b <= 0) return a;
  return Math.min(a, b);
}
