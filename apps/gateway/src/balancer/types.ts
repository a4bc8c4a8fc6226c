/**
 * Live counters of one `host:port`, shared by every revision so least-connections and
 * least-latency survive a config swap.
 */
export interface TargetStats {
  /** requests in flight from this node */
  active: number;
  /** EWMA of the time to response headers, ms; 0 = no sample yet */
  ewmaMs: number;
}

/** Health + circuit breaker of a target, as a balancer needs it: a cheap, non-consuming check. */
export interface TargetGate {
  /** false while unhealthy, while the breaker is open, or half-open with every probe slot taken */
  available(): boolean;
}

/** Always open: targets without health checks or breaker (single-host services, unit tests). */
export const OPEN_GATE: TargetGate = { available: () => true };

export interface BalancerTarget {
  /** `host:port` */
  readonly key: string;
  readonly host: string;
  readonly port: number;
  /** 0 = drained: never picked for a new request */
  readonly weight: number;
  readonly stats: TargetStats;
  readonly gate: TargetGate;
}

/**
 * What a balancer may read of the request. The proxy implements it on an object it already has,
 * so picking allocates nothing; hash keys are extracted lazily, only by the balancers that hash.
 */
export interface PickContext {
  readonly clientIp: string;
  /** request path without the query string */
  path(): string;
  /** lower-case name; first value */
  header(name: string): string | undefined;
  cookie(name: string): string | undefined;
  query(name: string): string | undefined;
}

export interface Balancer<T extends BalancerTarget = BalancerTarget> {
  /** Targets that can take new requests (weight > 0), healthy or not. */
  readonly size: number;
  /**
   * Picks a target for a new request, skipping `exclude` (targets a retry already tried) and
   * targets whose gate is shut. Returns undefined when no usable target is left.
   */
  pick(ctx: PickContext, exclude?: ReadonlySet<T>): T | undefined;
}

export function usable<T extends BalancerTarget>(targets: readonly T[]): T[] {
  return targets.filter((t) => t.weight > 0);
}

/** Can this target take this request now? */
export function eligible<T extends BalancerTarget>(t: T, exclude: ReadonlySet<T> | undefined): boolean {
  return (exclude === undefined || !exclude.has(t)) && t.gate.available();
}

export function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
