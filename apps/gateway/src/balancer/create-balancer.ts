import { DEFAULT_HASH_ON, type Algorithm, type HashOn } from '@aya/config-schema';
import { ConsistentHashBalancer } from './consistent-hash';
import { hashKeyOf } from './hash-key';
import { IpHashBalancer } from './ip-hash';
import { LeastConnectionsBalancer } from './least-connections';
import { LeastLatencyBalancer } from './least-latency';
import { RoundRobinBalancer } from './round-robin';
import type { Balancer, BalancerTarget } from './types';
import { WeightedRoundRobinBalancer } from './weighted-round-robin';

export interface BalancerOptions {
  /** consistent-hash only */
  hashOn?: HashOn;
}

export function createBalancer<T extends BalancerTarget>(
  algorithm: Algorithm,
  targets: readonly T[],
  options: BalancerOptions = {},
): Balancer<T> {
  switch (algorithm) {
    case 'round-robin':
      return new RoundRobinBalancer(targets);
    case 'weighted-round-robin':
      return new WeightedRoundRobinBalancer(targets);
    case 'least-connections':
      return new LeastConnectionsBalancer(targets, false);
    case 'weighted-least-connections':
      return new LeastConnectionsBalancer(targets, true);
    case 'ip-hash':
      return new IpHashBalancer(targets);
    case 'consistent-hash':
      return new ConsistentHashBalancer(targets, hashKeyOf(options.hashOn ?? DEFAULT_HASH_ON));
    case 'least-latency':
      return new LeastLatencyBalancer(targets);
  }
}
