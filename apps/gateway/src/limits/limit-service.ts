import cluster from 'node:cluster';
import { errorMessage, type Logger } from '../log';
import { LeasingCounterStore } from './lease';
import { LocalCounterStore } from './local-store';
import { PrimaryCounterStore } from './primary-store';
import { RedisCounterStore } from './redis-store';
import type { CounterStore, LimitDecision, LimitQuery } from './types';

export type LimitPolicy = 'local' | 'cluster';

/** The decision, or `unavailable`: cluster counters unreachable and the plugin is not fault tolerant. */
export type LimitOutcome = LimitDecision | 'unavailable';

/** Log a Redis failure at most this often (a Redis outage fails every decision). */
const ERROR_LOG_EVERY_MS = 10_000;

/**
 * The counters of rate-limit and quota, one per gateway process (PluginShared.service), so a config change
 * keeps them. `local`: this node's counters (the cluster primary's over IPC when the node runs several
 * workers, else this process's). `cluster`: Redis, leased for limits of 1,000 and more (lease.ts); when
 * Redis does not answer, a fault-tolerant plugin counts with the node's local counters instead (each node then enforces the whole limit on its own) and
 * every such decision is counted in `redisErrors` (aya_gateway_ratelimit_redis_errors_total).
 */
export class LimitService {
  /** cluster decisions Redis did not answer (down, timeout, no REDIS_URL) */
  redisErrors = 0;
  private readonly inProcess = new LocalCounterStore();
  private readonly local: CounterStore;
  private readonly redis: RedisCounterStore | undefined;
  /** Redis decisions through leases (lease.ts): one round trip per lease, not per request */
  private readonly leased: LeasingCounterStore | undefined;
  private lastErrorLogMs = 0;

  constructor(
    redisUrl: string | undefined,
    private readonly logger: Logger,
    private readonly onRedisError: () => void = () => {},
  ) {
    this.local = cluster.isWorker ? new PrimaryCounterStore() : this.inProcess;
    this.redis = redisUrl === undefined ? undefined : new RedisCounterStore(redisUrl, logger);
    this.leased = this.redis && new LeasingCounterStore(this.redis);
  }

  /**
   * The decision without a promise when this process can make it: `local` counters in this process, or a
   * `cluster` request served from a lease (or a refusal replayed). undefined: use decide().
   */
  decideNow(query: LimitQuery, policy: LimitPolicy): LimitDecision | undefined {
    if (policy === 'cluster') return this.leased?.decideNow(query);
    // a node with workers counts in its primary (over IPC): never at once
    return this.local === this.inProcess ? this.inProcess.decideNow(query) : undefined;
  }

  async decide(query: LimitQuery, policy: LimitPolicy, faultTolerant: boolean): Promise<LimitOutcome> {
    if (policy === 'local') return this.decideLocal(query);
    try {
      if (!this.leased) throw new Error('the gateway has no REDIS_URL');
      return await this.leased.decide(query);
    } catch (err) {
      this.redisErrors++;
      this.onRedisError();
      this.logError(err, faultTolerant);
      return faultTolerant ? this.decideLocal(query) : 'unavailable';
    }
  }

  async close(): Promise<void> {
    this.inProcess.close();
    await this.redis?.close();
  }

  private async decideLocal(query: LimitQuery): Promise<LimitDecision> {
    try {
      return await this.local.decide(query);
    } catch (err) {
      // the primary is gone (the node is going down): this process's own counters for the last requests
      this.logger.warn('rate-limit: cluster primary did not answer, counting in this worker', { error: errorMessage(err) });
      return this.inProcess.decideNow(query);
    }
  }

  private logError(err: unknown, faultTolerant: boolean): void {
    const now = Date.now();
    if (now - this.lastErrorLogMs < ERROR_LOG_EVERY_MS) return;
    this.lastErrorLogMs = now;
    this.logger.warn(faultTolerant ? 'rate-limit redis unavailable, counting locally' : 'rate-limit redis unavailable, refusing with 503', {
      error: errorMessage(err),
      errors: this.redisErrors,
    });
  }
}
