import { GwErrorCode, RATE_LIMIT_WINDOWS, WINDOW_SECONDS, rateLimitConfigSchema, type PluginConfigOf } from '@aya/config-schema';
import { limitAnswer } from '../../limits/answer';
import { policyHeader, type NamedWindow } from '../../limits/headers';
import { limitServiceOf } from '../../limits/shared';
import { subjectOf } from '../../limits/subject';
import type { LimitQuery, LimitWindow } from '../../limits/types';
import type { PluginDefinition, PluginRequest, PhaseResult } from '../types';

/**
 * rate-limit: several windows at once (a request passes only if every window allows it; a refused one is
 * counted in none), sliding window or GCRA, counted per consumer / credential / ip / route / service /
 * header value, on this node (`local`, exact across its workers) or in Redis (`cluster`).
 */
export const rateLimitPlugin: PluginDefinition<PluginConfigOf<'rate-limit'>> = {
  name: 'rate-limit',
  priority: 910,
  version: '1.0.0',
  schema: rateLimitConfigSchema,
  create(config, env) {
    const service = limitServiceOf(env.shared);
    // the windows in a fixed order (shortest first), so headers and counters do not depend on how the config lists them
    const limits = [...config.limits].sort((a, b) => RATE_LIMIT_WINDOWS.indexOf(a.window) - RATE_LIMIT_WINDOWS.indexOf(b.window));
    const windows: LimitWindow[] = limits.map((l) => ({ limit: l.limit, ms: WINDOW_SECONDS[l.window] * 1000 }));
    const named: NamedWindow[] = limits.map((l) => ({ name: l.window, limit: l.limit, seconds: WINDOW_SECONDS[l.window] }));
    const policy = config.hideHeaders ? undefined : policyHeader(named);
    const prefix = `${env.instanceId}:`;
    return {
      access(r: PluginRequest): PhaseResult | Promise<PhaseResult> {
        const query: LimitQuery = { key: prefix + subjectOf(r, config.by, config.header), algorithm: config.algorithm, windows };
        const now = service.decideNow(query, config.policy);
        if (now) return limitAnswer(r, now, GwErrorCode.RATE_LIMITED, named, policy);
        return service.decide(query, config.policy, config.faultTolerant).then((d) => limitAnswer(r, d, GwErrorCode.RATE_LIMITED, named, policy));
      },
    };
  },
};
