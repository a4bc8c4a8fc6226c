import { H1Connection } from './h1-connection';
import { H1Controller } from './h1-controller';
import type { H1ConnectionOwner, H1DispatchOptions, H1Handler } from './h1-types';
import { UpstreamError } from './h1-errors';
import { httpParser, type NativeParserClass } from './h1-parser';

export interface H1PoolOptions {
  connectTimeoutMs: number;
  /** idle connections are dropped after this (below node's default 5 s server keep-alive) */
  keepAliveTimeoutMs: number;
}

/**
 * Can the lean client serve this origin: plain http, and node's parser found? `parser` is this
 * node's unless a test passes another (undefined: a node without it).
 */
export function leanClientAvailable(origin: string, parser: () => NativeParserClass | undefined = httpParser): boolean {
  return origin.startsWith('http://') && parser() !== undefined;
}

/**
 * Keep-alive HTTP/1.1 connections to one plain-HTTP origin, the hot-path replacement for an
 * undici Pool: same dispatch(options, handler) shape and error codes, a fraction of the work per
 * request. Connections are unbounded like undici's Pool default; the most recently used idle one
 * is reused first (warm, least likely to have hit the upstream's idle timeout).
 */
export class H1Pool implements H1ConnectionOwner {
  readonly host: string;
  readonly port: number;
  readonly hostHeader: string;
  readonly connectTimeoutMs: number;
  private readonly keepAliveTimeoutMs: number;
  private readonly idle: H1Connection[] = [];
  private active = 0;
  private closed = false;
  private sweeper: NodeJS.Timeout | undefined;
  private onIdle: (() => void) | undefined;

  constructor(origin: string, options: H1PoolOptions) {
    const url = new URL(origin);
    this.host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.port = url.port ? Number(url.port) : 80;
    this.hostHeader = url.host;
    this.connectTimeoutMs = options.connectTimeoutMs;
    this.keepAliveTimeoutMs = options.keepAliveTimeoutMs;
  }

  dispatch(opts: H1DispatchOptions, handler: H1Handler): boolean {
    if (this.closed) {
      const err = new UpstreamError('UND_ERR_CLOSED', 'the pool is closed');
      process.nextTick(() => handler.onResponseError(H1Controller.failed(err), err));
      return false;
    }
    let conn: H1Connection | undefined;
    const now = Date.now();
    while ((conn = this.idle.pop()) !== undefined) {
      if (conn.usable && now < conn.idleUntil) break;
      conn.destroy();
    }
    conn ??= new H1Connection(this);
    this.active++;
    conn.dispatch(opts, handler);
    return true;
  }

  done(conn: H1Connection, reusable: boolean): void {
    this.active--;
    if (reusable && !this.closed) {
      // the upstream's keep-alive hint, when shorter, wins (as in undici)
      conn.idleUntil = Date.now() + Math.min(conn.idleLimitMs ?? Infinity, this.keepAliveTimeoutMs);
      this.idle.push(conn);
      this.sweeper ??= setInterval(this.sweep, Math.max(100, this.keepAliveTimeoutMs >> 1)).unref();
    } else if (reusable) {
      conn.destroy();
    }
    if (this.active === 0 && this.onIdle) this.onIdle();
  }

  redispatch(conn: H1Connection, opts: H1DispatchOptions, handler: H1Handler): void {
    // still one running request (active unchanged); a fresh connection writes as soon as it
    // connects, so this cannot repeat for the same request
    this.gone(conn);
    new H1Connection(this).dispatch(opts, handler);
  }

  gone(conn: H1Connection): void {
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
  }

  get idleCount(): number {
    return this.idle.length;
  }

  /** Idle connections close now; resolves when the running requests have ended (like undici's close). */
  close(): Promise<void> {
    this.closed = true;
    this.sweeper = void clearInterval(this.sweeper);
    for (const c of this.idle.splice(0)) c.destroy();
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => (this.onIdle = resolve));
  }

  private readonly sweep = (): void => {
    const now = Date.now();
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const conn = this.idle[i];
      if (now < conn.idleUntil) continue;
      this.idle.splice(i, 1);
      conn.destroy();
    }
    if (this.idle.length === 0) this.sweeper = void clearInterval(this.sweeper);
  };
}
