import { Pool } from 'undici';
import { H1Pool, leanClientAvailable } from './h1-pool';
import { httpParser, type NativeParserClass } from './h1-parser';
import type { TargetStats } from '../balancer/types';
import type { RuntimeTarget } from '../compile/types';

/** undici for TLS and HTTP/2 targets; the lean HTTP/1.1 client for plain HTTP (the hot path). Both take the same handler (h1-types.ts). */
export type UpstreamPool = Pool | H1Pool;

interface PoolEntry {
  pool: UpstreamPool;
  active: number;
}

export interface PoolOptions {
  /** idle keep-alive sockets are dropped after this, below node's default 5 s server timeout */
  keepAliveTimeoutMs: number;
  /** false: undici for every target (AYA_UPSTREAM_CLIENT=undici escape hatch, A/B measurements) */
  lean?: boolean;
  /** where node's parser comes from (tests: a node without it); default this node's */
  parser?: () => NativeParserClass | undefined;
}

/**
 * Which client serves a target: the lean one for plain-HTTP/1.1 targets when it is wanted and
 * node's parser is there, undici otherwise (TLS, HTTP/2, opted out, or the internal missing).
 * `lean` is checked first, so an opted-out gateway never loads node's internal module.
 */
export function upstreamClientFor(target: Pick<RuntimeTarget, 'origin' | 'endpoint'>, lean: boolean, parser = httpParser): 'lean' | 'undici' {
  const endpoint = target.endpoint;
  return lean && !endpoint?.tls && !endpoint?.http2 && leanClientAvailable(target.origin, parser) ? 'lean' : 'undici';
}

/**
 * One keep-alive undici Pool per upstream origin, shared by every revision: a config swap reuses
 * warm connections. A pool whose target left the config is closed once its last request ends,
 * so a swap never cuts an in-flight request.
 */
export class PoolRegistry {
  private readonly pools = new Map<string, PoolEntry>();
  private readonly stats = new Map<string, TargetStats>();
  private live: ReadonlySet<string> = new Set();
  private closed = false;

  constructor(private readonly options: PoolOptions = { keepAliveTimeoutMs: 4_000 }) {}

  /** Counters per origin that outlive revisions (least-connections reads them). */
  readonly statsFor = (origin: string): TargetStats => {
    let s = this.stats.get(origin);
    if (!s) this.stats.set(origin, (s = { active: 0, ewmaMs: 0 }));
    return s;
  };

  acquire(target: RuntimeTarget): UpstreamPool {
    let entry = this.pools.get(target.poolKey);
    if (!entry) {
      entry = { pool: this.create(target), active: 0 };
      this.pools.set(target.poolKey, entry);
    }
    entry.active++;
    target.stats.active++;
    return entry.pool;
  }

  private create(target: RuntimeTarget): UpstreamPool {
    const endpoint = target.endpoint;
    if (upstreamClientFor(target, this.options.lean !== false, this.options.parser) === 'lean') {
      return new H1Pool(target.origin, { connectTimeoutMs: target.connectTimeoutMs, keepAliveTimeoutMs: this.options.keepAliveTimeoutMs });
    }
    return new Pool(target.origin, {
      // TLS verification stays on unless the service says tlsVerify: false (undici's default)
      // useH2c goes to the connector: Pool builds its own and passes only `connect` options on
      connect: { timeout: target.connectTimeoutMs, ...endpoint?.tls, ...(endpoint?.http2 === 'h2c' ? { useH2c: true } : {}) },
      keepAliveTimeout: this.options.keepAliveTimeoutMs,
      // h1: no pipelining, so one slow streamed response never blocks another; h2 multiplexes
      pipelining: endpoint?.http2 ? 100 : 1,
      // undici 8 offers h2 by ALPN by default: an https:// service stays HTTP/1.1, grpcs:// asks for h2
      allowH2: endpoint?.http2 === 'alpn',
    });
  }

  release(target: RuntimeTarget): void {
    target.stats.active--;
    const entry = this.pools.get(target.poolKey);
    if (!entry) return;
    entry.active--;
    if (entry.active === 0 && (this.closed || !this.live.has(target.poolKey))) this.retire(target.poolKey, entry);
  }

  /** Called after each swap with the pool keys the new revision may use. */
  retain(keys: ReadonlySet<string>): void {
    this.live = keys;
    for (const [key, entry] of this.pools) if (!keys.has(key) && entry.active === 0) this.retire(key, entry);
    const liveOrigins = new Set<string>();
    // key = origin#timeout[~tls/h2 identity]; origins never contain '#'
    for (const key of keys) liveOrigins.add(key.slice(0, key.indexOf('#')));
    for (const [origin, s] of this.stats) if (s.active === 0 && !liveOrigins.has(origin)) this.stats.delete(origin);
  }

  get size(): number {
    return this.pools.size;
  }

  has(poolKey: string): boolean {
    return this.pools.has(poolKey);
  }

  /** Shutdown: idle pools close now, busy ones when their requests end (close waits for them). */
  async closeAll(): Promise<void> {
    this.closed = true;
    const entries = [...this.pools.values()];
    this.pools.clear();
    await Promise.allSettled(entries.map((e) => e.pool.close()));
  }

  private retire(key: string, entry: PoolEntry): void {
    this.pools.delete(key);
    entry.pool.close().catch(() => {});
  }
}
