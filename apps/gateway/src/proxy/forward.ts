import type { IncomingMessage, ServerResponse } from 'node:http';
import { GwErrorCode } from '@aya/config-schema';
import type { Dispatcher } from 'undici';
import type { RuntimeService, RuntimeTarget } from '../compile/types';
import type { Logger } from '../log';
import { errorMessage } from '../log';
import type { Metrics } from '../metrics';
import { classifyUpstreamError, isConnectFailure, sendGwError } from './errors';
import { downstreamResponseHeaders } from './headers';
import type { PoolRegistry } from './pool-registry';

export interface ForwardDeps {
  pools: PoolRegistry;
  metrics: Metrics;
  logger: Logger;
}

export interface ForwardRequest {
  method: string;
  /** upstream path + query */
  path: string;
  headers: string[];
  clientIp: string;
  requestId: string;
  hasBody: boolean;
}

/**
 * One proxied request, driving undici's low-level dispatch (no intermediate streams): the
 * response is written to the client chunk by chunk, pausing undici while the client's socket is
 * full. It is its own dispatch handler, re-dispatched on another target on a connect failure.
 */
export class ForwardCall implements Dispatcher.DispatchHandler {
  private target: RuntimeTarget | undefined;
  private tried: Set<RuntimeTarget> | undefined;
  private retriesLeft: number;
  /** undici called onConnect: bytes may have left, so no retry from here on */
  private connected = false;
  private abortUpstream: ((err?: Error) => void) | undefined;
  private resumeUpstream: (() => void) | undefined;
  private clientGone = false;
  private ended = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly service: RuntimeService,
    private readonly request: ForwardRequest,
    private readonly deps: ForwardDeps,
  ) {
    this.retriesLeft = service.retries;
  }

  start(): void {
    const target = this.service.balancer.pick(this.request.clientIp);
    if (!target) {
      this.fail(GwErrorCode.NO_HEALTHY_UPSTREAM);
      return;
    }
    this.dispatch(target);
  }

  /** The client's response closed: cut the upstream request if it is still running. */
  clientClosed(): void {
    if (this.ended) return;
    this.clientGone = true;
    this.abortUpstream?.(new Error('client closed the connection'));
  }

  private dispatch(target: RuntimeTarget): void {
    this.target = target;
    this.connected = false;
    const pool = this.deps.pools.acquire(target);
    const timeout = this.service.readTimeoutMs;
    pool.dispatch(
      {
        path: this.request.path,
        method: this.request.method as Dispatcher.HttpMethod,
        headers: this.request.headers,
        body: this.request.hasBody ? this.req : null,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      },
      this,
    );
  }

  onConnect(abort: (err?: Error) => void): void {
    this.connected = true;
    this.abortUpstream = abort;
    if (this.clientGone) abort(new Error('client closed the connection'));
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    // 1xx: node:http answers Expect itself; informational answers are not relayed.
    if (statusCode < 200) return true;
    this.resumeUpstream = resume;
    const res = this.res;
    if (res.destroyed) return true;
    res.writeHead(statusCode, downstreamResponseHeaders(rawHeaders, this.request.requestId));
    this.deps.metrics.countStatus(statusCode);
    return true;
  }

  onData(chunk: Buffer): boolean {
    const res = this.res;
    if (res.destroyed) return true;
    if (res.write(chunk)) return true;
    res.once('drain', this.onDrain);
    return false;
  }

  onComplete(): void {
    this.finish();
    if (!this.res.destroyed) this.res.end();
  }

  onError(err: Error): void {
    try {
      this.handleError(err);
    } catch (inner) {
      // undici would turn a throw here into a client 'error' event; end this request instead
      this.deps.logger.error('error handling failed', { requestId: this.request.requestId, error: errorMessage(inner) });
      this.res.destroy();
    }
  }

  private handleError(err: Error): void {
    const tried = this.target;
    this.finish();
    if (this.clientGone) return;
    if (!this.connected && tried && this.retriesLeft > 0 && !this.res.headersSent && isConnectFailure(err)) {
      this.retriesLeft--;
      (this.tried ??= new Set()).add(tried);
      const next = this.service.balancer.pick(this.request.clientIp, this.tried);
      if (next) {
        this.ended = false;
        this.dispatch(next);
        return;
      }
    }
    if (this.res.headersSent) {
      this.deps.logger.warn('upstream failed mid-response', { requestId: this.request.requestId, error: errorMessage(err) });
    }
    this.fail(classifyUpstreamError(err));
  }

  private readonly onDrain = (): void => {
    this.resumeUpstream?.();
  };

  private finish(): void {
    this.ended = true;
    this.abortUpstream = undefined;
    const target = this.target;
    if (target) {
      this.target = undefined;
      this.deps.pools.release(target);
    }
  }

  private fail(code: GwErrorCode): void {
    if (this.res.headersSent) {
      // the status already went out and was counted; a truncated body is all that is left to say
      this.res.destroy();
      return;
    }
    this.deps.metrics.countStatus(sendGwError(this.res, code, this.request.requestId));
  }
}
