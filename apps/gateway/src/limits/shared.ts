import type { PluginShared } from '../plugins/types';
import { LimitService } from './limit-service';

/** The process's one LimitService (counters and the Redis connection outlive config changes). */
export function limitServiceOf(shared: PluginShared): LimitService {
  return shared.service('limits', () => new LimitService(shared.redisUrl, shared.logger, () => shared.metrics.limitRedisErrors++));
}
