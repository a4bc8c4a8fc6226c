/** Live counters of one `host:port`, shared by every revision so least-connections survives a swap. */
export interface TargetStats {
  active: number;
}

export interface BalancerTarget {
  /** `host:port` */
  readonly key: string;
  readonly host: string;
  readonly port: number;
  /** 0 = drained: never picked for a new request */
  readonly weight: number;
  readonly stats: TargetStats;
}

export interface Balancer<T extends BalancerTarget = BalancerTarget> {
  /** Targets that can take new requests (weight > 0). */
  readonly size: number;
  /**
   * Picks a target for a new request, skipping `exclude` (targets a retry already tried).
   * Returns undefined when no usable target is left.
   */
  pick(clientIp: string, exclude?: ReadonlySet<T>): T | undefined;
}

export function usable<T extends BalancerTarget>(targets: readonly T[]): T[] {
  return targets.filter((t) => t.weight > 0);
}

export function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
