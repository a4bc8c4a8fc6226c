import { RETRY_BUDGET_DEFAULTS, type RetryBudget } from '@aya/config-schema';
import type { TargetStats } from '../balancer/types';
import { type HealthConfig, TargetHealth } from '../health/target-health';
import { RetryBudgetTracker } from '../proxy/retry-budget';

/**
 * Where compile/ gets long-lived state from. The gateway passes its registries so counters,
 * EWMA, health and budgets survive swaps; tests may omit them and get fresh objects.
 */
export interface StateSources {
  /** per origin (`http://host:port`) */
  statsFor?: (origin: string) => TargetStats;
  healthFor?: (upstreamId: string, key: string, host: string, port: number, config: HealthConfig, stats: TargetStats) => TargetHealth;
  budgetFor?: (serviceId: string, config: RetryBudget) => RetryBudgetTracker;
}

export function resolveSources(s: StateSources): Required<StateSources> {
  return {
    statsFor: s.statsFor ?? (() => ({ active: 0, ewmaMs: 0 })),
    healthFor:
      s.healthFor ??
      ((upstreamId, key, _host, _port, config, stats) => {
        const h = new TargetHealth(upstreamId, key);
        h.setConfig(config);
        h.stats = stats;
        return h;
      }),
    budgetFor: s.budgetFor ?? ((_id, config) => new RetryBudgetTracker(config)),
  };
}

export const DEFAULT_BUDGET = RETRY_BUDGET_DEFAULTS;
