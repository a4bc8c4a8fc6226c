import { createHash } from 'node:crypto';
import Redis, { Cluster, type RedisOptions, type Result } from 'ioredis';
import { errorMessage, type Logger } from '../log';
import { LIMIT_SCRIPT } from './redis-script';
import type { CounterStore, LimitDecision, LimitQuery, WindowState } from './types';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    ayaLimit(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Result<number[], Context>;
    ayaLimitOne(key: string, ...args: Array<string | number>): Result<number[], Context>;
  }
}

/** A slow Redis must never hold requests: past this a decision fails (and falls back, or 503s). */
export const REDIS_COMMAND_TIMEOUT_MS = 250;
/** subjects longer than this (header values) are hashed into the key */
const MAX_SUBJECT_KEY = 128;
/** decisions per script call at most (bounds the time one call holds Redis) */
const MAX_BATCH = 128;

interface Pending {
  readonly key: string;
  readonly query: LimitQuery;
  resolve(d: LimitDecision): void;
  reject(e: unknown): void;
}

type Client = Redis | Cluster;

/**
 * Counters in Redis, shared by every gateway: one EVALSHA of redis-script.ts per decision (ioredis
 * defineCommand: EVALSHA, and EVAL once after a NOSCRIPT, e.g. a restarted Redis). REDIS_URL may name a
 * standalone Redis or any node of a Redis Cluster: which one is asked once (INFO cluster) and the cluster
 * client is used for the latter. No offline queue and no retries: while Redis is down a decision fails at
 * once (the caller counts locally or answers 503) instead of queueing requests behind a reconnect.
 */
export class RedisCounterStore implements CounterStore {
  private client: Client | undefined;
  private clustered = false;
  private closed = false;
  /** decisions of this event-loop turn (a single Redis; on a cluster each decision is its own call) */
  private queue: Pending[] = [];
  private readonly ready: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {
    // decisions fail fast (and fall back) while this runs; only close() awaits it
    this.ready = this.connect();
  }

  decide(query: LimitQuery): Promise<LimitDecision> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('rate-limit redis is not connected'));
    const key = redisKey(query.key);
    // Redis Cluster: one call per decision, its key first, so ioredis sends it to the key's slot (and
    // auto-pipelines calls per node)
    if (this.clustered) return client.ayaLimitOne(key, ...scriptArgs([query])).then((reply) => decisionsOf([query], reply)[0]);
    return new Promise((resolve, reject) => {
      if (this.queue.push({ key, query, resolve, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  /** A single Redis: the turn's decisions in calls of at most MAX_BATCH, written in one go by auto-pipelining. */
  private flush(): void {
    const all = this.queue;
    this.queue = [];
    const client = this.client;
    for (let i = 0; i < all.length; i += MAX_BATCH) {
      const part = all.slice(i, i + MAX_BATCH);
      if (!client) {
        for (const p of part) p.reject(new Error('rate-limit redis is not connected'));
        continue;
      }
      const queries = part.map((p) => p.query);
      client.ayaLimit(part.length, ...part.map((p) => p.key), ...scriptArgs(queries)).then(
        (reply) => decisionsOf(queries, reply).forEach((d, j) => part[j].resolve(d)),
        (err: unknown) => {
          for (const p of part) p.reject(err);
        },
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.ready;
    this.client?.disconnect();
  }

  private async connect(): Promise<void> {
    const base = baseOptions();
    let clustered: boolean | undefined;
    // a Redis that is down when the gateway starts is asked again every second (decisions fall back meanwhile)
    while (clustered === undefined && !this.closed) clustered = await isCluster(this.url).catch(() => wait(1_000));
    if (clustered === undefined) return;
    if (this.closed) return;
    const client: Client = clustered ? clusterClient(this.url, base) : new Redis(this.url, base);
    // the number of keys is the call's first argument: one key per decision of the batch
    client.defineCommand('ayaLimit', { lua: LIMIT_SCRIPT });
    client.defineCommand('ayaLimitOne', { lua: LIMIT_SCRIPT, numberOfKeys: 1 });
    let up = true;
    client.on('error', (err: Error) => {
      if (up) this.logger.warn('rate-limit redis error', { error: errorMessage(err) });
      up = false;
    });
    client.on('ready', () => {
      if (!up) this.logger.info('rate-limit redis reachable again');
      up = true;
    });
    this.clustered = clustered;
    this.client = client;
    this.logger.info('rate-limit redis connected', { cluster: clustered });
  }
}

/** The script's ARGV for these decisions (redis-script.ts). */
function scriptArgs(queries: readonly LimitQuery[]): Array<string | number> {
  const args: Array<string | number> = [Date.now()];
  for (const q of queries) {
    args.push(q.algorithm, q.want ?? 1, q.windows.length);
    for (const w of q.windows) args.push(w.limit, w.ms, w.start ?? 0);
  }
  return args;
}

/** The script's flat reply, cut back into one decision per query. */
function decisionsOf(queries: readonly LimitQuery[], reply: number[]): LimitDecision[] {
  let at = 0;
  return queries.map((q) => {
    const windows: WindowState[] = q.windows.map((w, j) => ({ limit: w.limit, remaining: reply[at + 2 + 2 * j], resetMs: reply[at + 3 + 2 * j] }));
    const d = { allowed: reply[at] >= 1, granted: reply[at], retryAfterMs: reply[at + 1], windows };
    at += 2 + 2 * q.windows.length;
    return d;
  });
}

const wait = (ms: number): Promise<undefined> => new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());

/** Whether the server at `url` is a Redis Cluster node (INFO cluster), asked once per start. */
async function isCluster(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return /cluster_enabled:1/.test(await probe.info('cluster'));
  } finally {
    probe.disconnect();
  }
}

function baseOptions(): RedisOptions {
  return {
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    // concurrent decisions share a write (one syscall per tick, not per request)
    enableAutoPipelining: true,
    retryStrategy: (times: number) => Math.min(50 * times, 1_000),
  };
}

function clusterClient(url: string, base: RedisOptions): Cluster {
  const u = new URL(url);
  const { retryStrategy: _retry, enableOfflineQueue: _queue, ...redisOptions } = base;
  return new Cluster([{ host: u.hostname, port: Number(u.port || 6379) }], {
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    clusterRetryStrategy: (times: number) => Math.min(50 * times, 1_000),
    redisOptions: {
      ...redisOptions,
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      tls: u.protocol === 'rediss:' ? {} : undefined,
    },
  });
}

/** One hash per subject, hash-tagged so a decision touches one slot of a Redis Cluster. */
export function redisKey(key: string): string {
  const k = key.length > MAX_SUBJECT_KEY ? createHash('sha256').update(key).digest('hex') : key;
  return `{aya:rl:${k}}`;
}
