import type { IncomingMessage, ServerResponse } from 'node:http';
import { GwErrorCode } from '@aya/config-schema';
import type { Dispatcher } from 'undici';
import type { RuntimeService, RuntimeTarget } from '../compile/types';
import type { ProbeSlots } from '../health/target-health';
import type { Logger } from '../log';
import { errorMessage } from '../log';
import type { Metrics } from '../metrics';
import type { ResponsePlan, ResponseSink } from '../response/plan';
import { writeFallbackResponse, type RouteFallback } from '../traffic/fallback';
import type { ResponseEditor } from '../traffic/route-traffic';
import { classifyUpstreamError, sendGwError } from './errors';
import { tighterTimeout } from './grpc-deadline';
import { isGrpcExchange } from './grpc-errors';
import { downstreamTrailers, grpcStatusInHeaders, withTeTrailers, type UpstreamTrailers } from './grpc-trailers';
import { downstreamResponseHeaders, flatHeaders, type UpstreamHeaders } from './headers';
import type { PoolRegistry } from './pool-registry';
import { RequestContext } from './request-context';
import { bodyMayFollow, HeldResponse, holdsBody, setResponseLength } from '../plugins/held-response';
import type { PluginRun } from '../plugins/plugin-run';
import { HeaderPhaseError, headHook, runBodyPhase, runHeaderPhase, sendReply } from '../plugins/reply';
import { FAILURE_LATENCY_MS, GatewayTimeoutError, ewma, isGatewayTimeout, retryKind, targetSilent } from './retry-policy';

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
  /** the body read (or set) by a plugin, sent from memory instead of streaming the client's */
  body?: Buffer;
  /** the route's plugins for this request: header / body phases on the response, plugin-aware errors */
  plugins?: PluginRun;
  /** the route's response header transform / sticky cookie (traffic/route-traffic.ts) */
  editResponse?: ResponseEditor;
  /** the route compresses or caches responses */
  response?: ResponsePlan;
  /** the route's fallback, when its service cannot be reached at all (traffic/fallback.ts) */
  fallback?: RouteFallback;
  /** the upstream path for a fallback service (its own path prefix) */
  fallbackPath?: string;
  /** the client's own deadline (gRPC `grpc-timeout`), ms; 0 or absent: none */
  deadlineMs?: number;
}

/**
 * One proxied request, driving undici's low-level dispatch, or the lean HTTP/1.1 client's
 * (h1-pool.ts, the same undici 8 handler API) for plain-HTTP targets (no intermediate streams):
 * the response is written to the client chunk by chunk, pausing the upstream (controller.pause)
 * while the client's socket is full. It is its own dispatch handler (re-dispatched on another
 * target for a retry) and the balancer's PickContext, so a request allocates no helper objects.
 * Every attempt's outcome goes to the target's health/breaker and latency EWMA.
 */
export class ForwardCall extends RequestContext implements Dispatcher.DispatchHandler {
  private target: RuntimeTarget | undefined;
  private tried: Set<RuntimeTarget> | undefined;
  private retriesLeft: number;
  /** the client called onRequestStart: the socket is connected and bytes may have left */
  private connected = false;
  /** some attempt connected with the request body: it can no longer go elsewhere whole */
  private bodyTouched = false;
  /** the route's fallback took over (at most once) */
  private degraded = false;
  /** the current attempt's controller (abort, pause, resume), from onRequestStart until it ends */
  private upstream: Dispatcher.DispatchController | undefined;
  private clientGone = false;
  /** the client got its answer (a gateway error) while an attempt was still connecting */
  private abandoned = false;
  private ended = false;
  /** the body goes through it when the route changes or copies it */
  private sink: ResponseSink | undefined;
  /** the probe slots (breaker half-open, passive trial) the current attempt holds on its target */
  private probe: ProbeSlots = 0;
  /** the current attempt's outcome went to health already */
  private reported = true;
  private attemptStart = 0;
  /** grpc-status of a trailers-only answer (HTTP/2 targets), repeated as trailers at the end */
  private grpcHead: Record<string, string> | undefined;
  private sendTimer: NodeJS.Timeout | undefined;
  /** the response held back for the body phases of the route's plugins */
  private held: HeldResponse | undefined;
  private totalTimer: NodeJS.Timeout | undefined;

  constructor(
    req: IncomingMessage,
    private readonly res: ServerResponse,
    private service: RuntimeService,
    private readonly request: ForwardRequest,
    private readonly deps: ForwardDeps,
  ) {
    super(req, request.clientIp);
    this.retriesLeft = service.retries;
  }

  start(): void {
    if (!this.begin()) this.fail(GwErrorCode.NO_HEALTHY_UPSTREAM);
  }

  /** The service's first attempt (retry budget, pick, total timer, dispatch); false when no target can take it. */
  private begin(): boolean {
    this.service.retryBudget.onRequest();
    const target = this.service.balancer.pick(this);
    if (!target) return false;
    this.ended = false;
    this.startTotalTimer();
    this.dispatch(target);
    return true;
  }

  /** The service's total timeout, tightened by the client's own deadline (gRPC) when it set one. */
  private startTotalTimer(): void {
    const total = tighterTimeout(this.service.totalTimeoutMs, this.request.deadlineMs ?? 0);
    if (total > 0) this.totalTimer = setTimeout(this.onTotalTimeout, total);
  }

  /** The client's response closed: cut the upstream request if it is still running. */
  clientClosed(): void {
    if (this.ended) return;
    this.clientGone = true;
    this.upstream?.abort(new Error('client closed the connection'));
  }

  private dispatch(target: RuntimeTarget): void {
    this.target = target;
    this.connected = false;
    this.probe = target.gate.onDispatch();
    this.reported = false;
    this.attemptStart = performance.now();
    const pool = this.deps.pools.acquire(target);
    const timeout = this.service.readTimeoutMs;
    const options = {
      path: this.request.path,
      method: this.request.method as Dispatcher.HttpMethod,
      headers: target.endpoint?.http2 ? withTeTrailers(this.request.headers) : this.request.headers,
      body: this.request.body ?? (this.request.hasBody ? this.req : null),
      headersTimeout: timeout,
      bodyTimeout: timeout,
    };
    pool.dispatch(options, this);
  }

  /**
   * Both clients call it on a connected socket right before the request's first byte is written
   * (undici 8: writeH1 / writeH2, as onConnect was in 7), so an attempt failing before it never
   * sent anything (retry-policy.ts, nothingSent).
   */
  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.connected = true;
    // a body in memory stays whole for another target
    if (this.request.hasBody && this.request.body === undefined) this.bodyTouched = true;
    this.upstream = controller;
    if (this.clientGone || this.abandoned) controller.abort(new Error('request already answered'));
    else if (this.request.hasBody) this.sendTimer = setTimeout(this.onSendTimeout, this.service.sendTimeoutMs);
  }

  /** Idle timeout while sending: every chunk that leaves restarts it. */
  onBodySent(): void {
    this.sendTimer?.refresh();
  }

  onRequestSent(): void {
    this.clearSendTimer();
  }

  /**
   * The headers are read raw from the controller (both clients keep them there: casing, order and
   * repeated names such as Set-Cookie exactly as the upstream sent them over HTTP/1.1); the parsed
   * object is the fallback (undici's HTTP/2 answers are node's header object either way).
   */
  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, parsed: UpstreamHeaders): void {
    // 1xx: node:http answers Expect itself; informational answers are not relayed.
    if (statusCode < 200) return;
    this.clearSendTimer();
    const target = this.target;
    if (target) this.report(target, !target.failureStatuses.has(statusCode));
    const res = this.res;
    if (res.destroyed) return;
    const rawHeaders = flatHeaders(controller.rawHeaders ?? parsed);
    const headers = downstreamResponseHeaders(rawHeaders, this.request.requestId);
    this.grpcHead = target?.endpoint?.http2 ? grpcStatusInHeaders(rawHeaders) : undefined;
    this.request.editResponse?.(headers, target, this);
    const run = this.request.plugins;
    // body phases see the whole body first; the header phase runs as the head is written
    if (run && run.chain.body.length > 0 && bodyMayFollow(this.request.method, statusCode) && holdsBody(run, statusCode, headers)) {
      this.held = new HeldResponse(statusCode, headers);
      return;
    }
    if (!this.writeHead(statusCode, headers)) this.abandonForPlugin(controller);
  }

  /** Writes the head (through the route's response plan, if any) after the plugins' header phase; false when that failed. */
  private writeHead(statusCode: number, headers: string[]): boolean {
    const run = this.request.plugins;
    try {
      if (this.request.response) this.sink = this.request.response.start(this.res, statusCode, headers, this.onDrain, run ? headHook(run) : undefined);
      else {
        if (run && !runHeaderPhase(run, statusCode, headers)) return false;
        this.res.writeHead(statusCode, headers);
      }
    } catch (err) {
      if (err instanceof HeaderPhaseError) return false;
      throw err;
    }
    this.deps.metrics.countStatus(statusCode);
    return true;
  }

  /** A plugin's response phase failed before anything was written: 500 AYA_GW_PLUGIN_ERROR, the upstream answer is dropped. */
  private abandonForPlugin(controller: Dispatcher.DispatchController): void {
    this.held = undefined;
    this.abandoned = true;
    this.clearTotalTimer();
    this.fail(GwErrorCode.PLUGIN_ERROR);
    controller.abort(new Error('a plugin failed on the response'));
  }

  /** Backpressure: a full client socket (or sink) pauses the upstream until onDrain resumes it. */
  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const res = this.res;
    if (res.destroyed) return;
    const held = this.held;
    if (held) {
      if (!held.add(chunk, this.request.plugins?.responseBufferLimit ?? 0)) {
        this.request.plugins?.failedOn(new Error('response body over the buffer limit of a body phase'));
        this.abandonForPlugin(controller);
      }
      return;
    }
    if (this.sink) {
      if (!this.sink.write(chunk)) controller.pause();
      return;
    }
    if (res.write(chunk)) return;
    res.once('drain', this.onDrain);
    controller.pause();
  }

  onResponseEnd(_controller: Dispatcher.DispatchController, trailers: UpstreamTrailers): void {
    this.finish();
    this.clearTotalTimer();
    if (this.held && !this.writeHeld(this.held)) return;
    // gRPC status lives in trailers; they must be queued before the response ends
    const relayed = downstreamTrailers(trailers, this.grpcHead);
    if (relayed && !this.res.destroyed) this.res.addTrailers(relayed);
    if (this.sink) this.sink.end();
    else if (!this.res.destroyed) this.res.end();
  }

  /** `controller` is null when undici refused the request before queueing it. */
  onResponseError(_controller: Dispatcher.DispatchController | null, err: Error): void {
    this.sink?.abort();
    this.sink = undefined;
    try {
      this.handleError(err);
    } catch (inner) {
      // onResponseError must not throw (undici would turn it into a client 'error' event); end this request instead
      this.deps.logger.error('error handling failed', { requestId: this.request.requestId, error: errorMessage(inner) });
      this.clearTotalTimer();
      this.res.destroy();
    }
  }

  private handleError(err: Error): void {
    const failed = this.target;
    const connected = this.connected;
    this.clearSendTimer();
    if (failed && !this.reported) this.report(failed, this.clientGone || this.abandoned ? undefined : false, targetSilent(err, connected));
    this.finish();
    if (this.clientGone || this.abandoned) {
      this.clearTotalTimer();
      return;
    }
    const { service, request } = this;
    // a connection that never opened goes to another target whatever `retries` says (see retryKind)
    // a body in memory can be sent again: only the method decides then
    const streamed = request.hasBody && request.body === undefined;
    const kind = failed && !this.res.headersSent ? retryKind(err, { method: request.method, hasBody: streamed, connected }) : 'none';
    if (failed && (kind === 'unsent' || (kind === 'retry' && this.retriesLeft > 0)) && service.retryBudget.tryRetry()) {
      if (kind === 'retry') this.retriesLeft--;
      (this.tried ??= new Set()).add(failed);
      const next = service.balancer.pick(this, this.tried);
      if (next) {
        this.ended = false;
        this.dispatch(next);
        return;
      }
    }
    if (this.res.headersSent) {
      this.deps.logger.warn('upstream failed mid-response', { requestId: request.requestId, error: errorMessage(err) });
    }
    this.clearTotalTimer();
    this.fail(isGatewayTimeout(err) ? GwErrorCode.UPSTREAM_TIMEOUT : classifyUpstreamError(err));
  }

  /** `ok` undefined: cancelled, says nothing about the target (only frees a probe slot); `silent`: the target gave no answer (targetSilent). */
  private report(target: RuntimeTarget, ok: boolean | undefined, silent = false): void {
    this.reported = true;
    target.gate.onResult(ok, this.probe, silent);
    if (ok === undefined) return;
    const elapsed = performance.now() - this.attemptStart;
    target.stats.ewmaMs = ewma(target.stats.ewmaMs, ok ? elapsed : Math.max(elapsed, FAILURE_LATENCY_MS));
  }

  private readonly onSendTimeout = (): void => {
    this.sendTimer = undefined;
    this.upstream?.abort(new GatewayTimeoutError('AYA_SEND_TIMEOUT'));
  };

  private readonly onTotalTimeout = (): void => {
    this.totalTimer = undefined;
    if (this.clientGone || this.abandoned) return;
    if (this.upstream && !this.ended) {
      this.upstream.abort(new GatewayTimeoutError('AYA_TOTAL_TIMEOUT'));
      return;
    }
    // still connecting: answer now; the attempt is cut as soon as its client connects it (onRequestStart)
    this.abandoned = true;
    this.fail(GwErrorCode.UPSTREAM_TIMEOUT);
  };

  private readonly onDrain = (): void => {
    this.upstream?.resume();
  };

  private clearSendTimer(): void {
    this.sendTimer = void clearTimeout(this.sendTimer);
  }

  private clearTotalTimer(): void {
    this.totalTimer = void clearTimeout(this.totalTimer);
  }

  private finish(): void {
    this.ended = true;
    this.upstream = undefined;
    const target = this.target;
    if (target) {
      this.target = undefined;
      this.deps.pools.release(target);
    }
  }

  /** The buffered response through the body phases, then written whole; false when a phase failed (answered 500). */
  private writeHeld(held: HeldResponse): boolean {
    this.held = undefined;
    const run = this.request.plugins as PluginRun;
    const body = runBodyPhase(run, held.status, held.headers, held.body());
    if (body === undefined) {
      this.fail(GwErrorCode.PLUGIN_ERROR);
      return false;
    }
    setResponseLength(held.headers, body.length);
    if (!this.writeHead(held.status, held.headers)) {
      this.fail(GwErrorCode.PLUGIN_ERROR);
      return false;
    }
    if (this.sink) this.sink.write(body);
    else if (!this.res.destroyed) this.res.write(body);
    return true;
  }

  private fail(code: GwErrorCode): void {
    if (this.res.headersSent) {
      // the status already went out and was counted; a truncated body is all that is left to say
      this.res.destroy();
      return;
    }
    if (this.degrade(code)) return;
    // a body left half-read (upstream stopped taking it) would stall the client's connection
    const close = this.request.hasBody && !this.req.complete;
    if (close) this.req.resume();
    const run = this.request.plugins;
    // on a plugin route, responseHeaders and header phases apply to gateway errors too
    this.deps.metrics.countStatus(run ? sendReply(this.res, { code }, run, close) : sendGwError(this.res, code, this.request.requestId, close));
  }

  /**
   * Graceful degradation: when the service could not be reached at all (no healthy target, or
   * every attempt failed to connect), the route's fallback answers instead. True when it took over.
   */
  private degrade(code: GwErrorCode): boolean {
    const fallback = this.request.fallback;
    if (!fallback || this.degraded || (code !== GwErrorCode.NO_HEALTHY_UPSTREAM && code !== GwErrorCode.UPSTREAM_UNAVAILABLE)) return false;
    this.degraded = true;
    if (fallback.response) {
      if (isGrpcExchange(this.res)) return false;
      const close = this.request.hasBody && !this.req.complete;
      if (close) this.req.resume();
      const run = this.request.plugins;
      try {
        this.deps.metrics.countStatus(writeFallbackResponse(this.res, fallback.response, this.request.requestId, close, run ? headHook(run) : undefined));
      } catch (err) {
        if (!(err instanceof HeaderPhaseError) || !run) throw err;
        this.deps.metrics.countStatus(sendReply(this.res, { code: GwErrorCode.PLUGIN_ERROR }, run, close));
      }
      return true;
    }
    // another service, only while the request body is whole (no attempt has started sending it)
    if (this.bodyTouched || this.request.fallbackPath === undefined) return false;
    this.service = fallback.service;
    this.request.path = this.request.fallbackPath;
    this.retriesLeft = fallback.service.retries;
    this.tried = undefined;
    return this.begin();
  }
}
