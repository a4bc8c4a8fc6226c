import { CONFIG_CHANNEL, type RevisionNotice } from '@aya/config-schema';
import { Redis } from 'ioredis';
import { errorMessage, log } from '../log';

/**
 * Publishes revision notices on Redis (`aya:config`) when REDIS_URL is set. Best effort: gateways also hold
 * the SSE stream or poll, so a notice lost while Redis is down is repaired by their reconcile loop.
 */
export class RedisPublisher {
  private readonly redis?: Redis;
  private down = false;

  constructor(redisUrl: string | undefined) {
    if (!redisUrl) return;
    // no offline queue: a publish while disconnected fails at once instead of piling up
    this.redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    this.redis.on('error', (err: Error) => {
      if (this.down) return;
      this.down = true;
      log.error(`redis unavailable: ${errorMessage(err)}`);
    });
    this.redis.on('ready', () => {
      if (this.down) log.info('redis reconnected');
      this.down = false;
    });
  }

  get enabled(): boolean {
    return this.redis !== undefined;
  }

  async connect(): Promise<void> {
    await this.redis?.connect().catch(() => undefined);
  }

  async publish(notice: RevisionNotice): Promise<void> {
    if (!this.redis) return;
    try {
      await this.redis.publish(CONFIG_CHANNEL, JSON.stringify(notice));
    } catch {
      // logged once by the 'error' handler; the gateways' reconcile poll repairs a missed notice
    }
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}
