import { GwErrorCode, quotaConfigSchema, type PluginConfigOf } from '@aya/config-schema';
import { limitAnswer } from '../../limits/answer';
import { policyHeader, type NamedWindow } from '../../limits/headers';
import { limitServiceOf } from '../../limits/shared';
import { subjectOf } from '../../limits/subject';
import type { LimitQuery, LimitWindow } from '../../limits/types';
import type { PluginDefinition, PluginRequest, PhaseResult } from '../types';

const DAY_MS = 86_400_000;

/** The calendar period (UTC) `now` falls in: its start and length. */
export function quotaPeriod(period: 'day' | 'month', now: number): { start: number; ms: number } {
  if (period === 'day') {
    const start = now - (now % DAY_MS);
    return { start, ms: DAY_MS };
  }
  const d = new Date(now);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return { start, ms: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - start };
}

/**
 * quota: requests per calendar day or month (UTC) per consumer or credential (no consumer / credential:
 * the client IP, as rate-limit does), counted like rate-limit on this node or in Redis. Its RateLimit
 * fields name the policy "quota-day" / "quota-month"; `t` is the seconds until the period resets.
 */
export const quotaPlugin: PluginDefinition<PluginConfigOf<'quota'>> = {
  name: 'quota',
  priority: 920,
  version: '1.0.0',
  schema: quotaConfigSchema,
  create(config, env) {
    const service = limitServiceOf(env.shared);
    const prefix = `${env.instanceId}:q:`;
    const name = `quota-${config.period}`;
    return {
      access(r: PluginRequest): PhaseResult | Promise<PhaseResult> {
        const { start, ms } = quotaPeriod(config.period, Date.now());
        const windows: LimitWindow[] = [{ limit: config.limit, ms, start }];
        const named: NamedWindow[] = [{ name, limit: config.limit, seconds: ms / 1000 }];
        const policy = policyHeader(named);
        const query: LimitQuery = { key: prefix + subjectOf(r, config.by, undefined), algorithm: 'fixed', windows };
        const now = service.decideNow(query, config.policy);
        if (now) return limitAnswer(r, now, GwErrorCode.QUOTA_EXCEEDED, named, policy);
        return service.decide(query, config.policy, config.faultTolerant).then((d) => limitAnswer(r, d, GwErrorCode.QUOTA_EXCEEDED, named, policy));
      },
    };
  },
};
