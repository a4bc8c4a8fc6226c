import type { Algorithm } from '@aya/config-schema';
import { IpHashBalancer } from './ip-hash';
import { LeastConnectionsBalancer } from './least-connections';
import { RoundRobinBalancer } from './round-robin';
import type { Balancer, BalancerTarget } from './types';
import { WeightedRoundRobinBalancer } from './weighted-round-robin';

export function createBalancer<T extends BalancerTarget>(algorithm: Algorithm, targets: readonly T[]): Balancer<T> {
  switch (algorithm) {
    case 'round-robin':
      return new RoundRobinBalancer(targets);
    case 'weighted-round-robin':
      return new WeightedRoundRobinBalancer(targets);
    case 'least-connections':
      return new LeastConnectionsBalancer(targets);
    case 'ip-hash':
      return new IpHashBalancer(targets);
  }
}
