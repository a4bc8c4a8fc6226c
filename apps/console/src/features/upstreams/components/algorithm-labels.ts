import type { Algorithm } from '@aya/config-schema';

/** Every algorithm has a label; `satisfies` makes a new contract algorithm a compile error here. */
export const ALGORITHM_LABELS = {
  'round-robin': 'Round robin',
  'weighted-round-robin': 'Weighted round robin',
  'least-connections': 'Least connections',
  'weighted-least-connections': 'Weighted least connections',
  'ip-hash': 'IP hash (sticky by client address)',
  'consistent-hash': 'Consistent hash (by header, cookie, query, path or IP)',
  'least-latency': 'Least latency',
} satisfies Record<Algorithm, string>;
