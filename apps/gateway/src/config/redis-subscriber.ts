import { CONFIG_CHANNEL, revisionNoticeSchema, type RevisionNotice } from '@aya/config-schema';
import Redis from 'ioredis';
import { errorMessage, type Logger } from '../log';

export interface RedisSubscriberEvents {
  onNotice(notice: RevisionNotice): void;
  /** subscribed and receiving: the SSE fallback can stop */
  onUp(): void;
  /** connection lost: notices may be missed until it returns */
  onDown(): void;
}

/** SUBSCRIBE aya:config. ioredis reconnects and re-subscribes by itself; we only track up/down. */
export class RedisSubscriber {
  private readonly redis: Redis;
  private up = false;

  constructor(
    url: string,
    private readonly events: RedisSubscriberEvents,
    private readonly logger: Logger,
  ) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: null,
      enableOfflineQueue: true,
      retryStrategy: (times) => Math.min(250 * 2 ** Math.min(times, 6), 5_000),
    });
    this.redis.on('message', (channel: string, message: string) => {
      if (channel !== CONFIG_CHANNEL) return;
      try {
        this.events.onNotice(revisionNoticeSchema.parse(JSON.parse(message)));
      } catch {
        this.logger.warn('ignored a malformed redis revision notice');
      }
    });
    this.redis.on('ready', () => {
      // ready fires after ioredis re-subscribed (autoResubscribe) on reconnects too
      this.redis.subscribe(CONFIG_CHANNEL).then(
        () => this.setUp(true),
        (err: unknown) => this.logger.warn('redis subscribe failed', { error: errorMessage(err) }),
      );
    });
    this.redis.on('close', () => this.setUp(false));
    this.redis.on('error', (err: Error) => {
      if (this.up) this.logger.warn('redis error', { error: errorMessage(err) });
    });
  }

  start(): void {
    this.redis.connect().catch((err: unknown) => {
      this.logger.warn('redis unreachable, using the SSE stream meanwhile', { error: errorMessage(err) });
      this.events.onDown();
    });
  }

  async stop(): Promise<void> {
    this.redis.disconnect();
  }

  private setUp(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    this.logger.info(up ? 'redis subscribed to config channel' : 'redis connection lost');
    if (up) this.events.onUp();
    else this.events.onDown();
  }
}
