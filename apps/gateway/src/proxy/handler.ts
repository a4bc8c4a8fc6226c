import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { GwErrorCode } from '@aya/config-schema';
import { upstreamPath } from '../compile/compile';
import type { CompiledConfig, RouteMatch } from '../compile/types';
import { PluginRun, type PluginHost } from '../plugins/plugin-run';
import { PLUGIN_ERROR, runAccess } from '../plugins/access';
import { HeaderPhaseError, headHook, runLogPhase, sendReply } from '../plugins/reply';
import type { PluginReply } from '../plugins/types';
import { errorMessage, type Logger } from '../log';
import { h2BodyFollows } from '../server/h2-compat';
import { ResponsePlan } from '../response/plan';
import type { Metrics } from '../metrics';
import { sendGwError, unmatchedRouteCode } from './errors';
import { sendRedirect } from '../traffic/rewrite';
import { grpcDeadlineMs } from './grpc-deadline';
import { ForwardCall } from './forward';
import { applyUpstreamHeaders, setContentLength, upstreamRequestHeaders } from './headers';
import { DEFAULT_LIMITS, watchBodySize, type ProxyLimits } from './limits';
import type { PoolRegistry } from './pool-registry';
import { guardRequest, type GuardResult } from './request-guard';
import { resolveRequestId } from './request-id';
import { serviceOf } from '../traffic/route-traffic';

export interface ProxyHandlerDeps {
  /** the applied config; read once per request so a swap mid-request changes nothing for it */
  config(): CompiledConfig;
  pools: PoolRegistry;
  metrics: Metrics;
  logger: Logger;
  proto: 'http' | 'https';
  port: number;
  limits?: ProxyLimits;
}

/** a request the guard let through */
export type AcceptedRequest = Extract<GuardResult, { ok: true }>;

export function clientIpOf(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

interface Exchange {
  res: ServerResponse;
  socket: Socket;
  metrics: Metrics;
  requestId: string;
  call: ForwardCall | undefined;
  /** the route's plugin run, when the route has plugins */
  run: PluginRun | undefined;
}

/** The request being served on each socket, so a parse error mid-body can answer through it. */
const exchanges = new WeakMap<Socket, Exchange>();

/** The response's exchange, for the one shared 'close' listener below. */
const kExchange = Symbol('aya.exchange');
type TrackedResponse = ServerResponse & { [kExchange]?: Exchange };

/**
 * One module-level listener (`this` is the response) instead of a closure plus once() wrapper
 * per request: 'close' fires once per response, so on() is enough.
 */
function onResponseClose(this: TrackedResponse): void {
  const ex = this[kExchange];
  if (!ex) return;
  this[kExchange] = undefined;
  ex.metrics.inFlight--;
  if (exchanges.get(ex.socket) === ex) exchanges.delete(ex.socket);
  if (!this.writableFinished) {
    ex.metrics.aborted++;
    ex.call?.clientClosed();
  }
}

/**
 * Ends the in-flight exchange of `socket` with a coded error and closes the connection; the
 * upstream request is cut once the answer is out. Returns false when the socket has none.
 */
export function failInFlight(socket: Socket, code: GwErrorCode, metrics?: Metrics): boolean {
  const ex = exchanges.get(socket);
  if (!ex || ex.res.writableEnded) return false;
  exchanges.delete(socket);
  if (ex.res.headersSent) {
    ex.res.destroy();
    return true;
  }
  const status = sendGwError(ex.res, code, ex.requestId, true);
  metrics?.countStatus(status);
  // Aborting destroys the request stream and with it the socket, so only once the answer is in
  // the kernel (a small answer usually is, synchronously). A framing error found in the same
  // packet as the headers aborts before undici's queued dispatch writes a byte upstream.
  if (ex.res.socket === null || ex.res.socket.writableLength === 0) ex.call?.clientClosed();
  else ex.res.once('finish', () => ex.call?.clientClosed());
  return true;
}

export function createProxyHandler(deps: ProxyHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { metrics, logger } = deps;
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const forwardDeps = { pools: deps.pools, metrics, logger };
  const pluginHost: PluginHost = { metrics, logger };

  return function handle(req, res) {
    metrics.requests++;
    metrics.inFlight++;
    const socket = req.socket;
    const ex: Exchange = { res, socket, metrics, requestId: '', call: undefined, run: undefined };
    exchanges.set(socket, ex);
    (res as TrackedResponse)[kExchange] = ex;
    res.on('close', onResponseClose);
    try {
      ex.requestId = resolveRequestId(req.headers['x-request-id']);
      const guard = guardRequest(req, limits);
      if (!guard.ok) {
        // a refused request's body is never read: close rather than parse it as the next request
        metrics.countStatus(sendGwError(res, guard.code, ex.requestId, true));
        return;
      }
      const method = req.method ?? 'GET';
      const config = deps.config();
      const match = config.router.find(method, guard.host, guard.path, req.headers, guard.query);
      if (!match) {
        metrics.countStatus(sendGwError(res, unmatchedRouteCode(config.revision), ex.requestId));
        return;
      }
      const length = req.headers['content-length'];
      // HTTP/2 has no Transfer-Encoding: a body of unknown length is one whose HEADERS did not end the stream
      const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined ? length !== '0' : h2BodyFollows(req));
      const plugins = match.route.plugins;
      if (plugins === undefined) {
        forwardMatched(req, res, ex, match, guard, hasBody, undefined);
        return;
      }
      const run = pluginRunOf(req, match, guard, pluginHost, ex.requestId, hasBody, limits.maxBodyBytes);
      ex.run = run;
      const outcome = runAccess(run);
      if (outcome === undefined) forwardMatched(req, res, ex, match, guard, hasBody, run);
      else if (!isThenable(outcome)) answer(res, run, outcome);
      else {
        outcome.then(
          (reply) => {
            // the client may have left while a phase was waiting
            if (res.destroyed || res.writableEnded) return runLogPhase(run, CLIENT_CLOSED);
            try {
              if (reply) answer(res, run, reply);
              else forwardMatched(req, res, ex, match, guard, hasBody, run);
            } catch (err) {
              internalError(res, ex, err);
            }
          },
          (err: unknown) => internalError(res, ex, err),
        );
      }
    } catch (err) {
      internalError(res, ex, err);
    }
  };

  function internalError(res: ServerResponse, ex: Exchange, err: unknown): void {
    metrics.internalErrors++;
    logger.error('request failed inside the gateway', { requestId: ex.requestId, error: errorMessage(err) });
    try {
      metrics.countStatus(sendGwError(res, GwErrorCode.INTERNAL, ex.requestId || 'unknown'));
    } catch {
      res.destroy();
    }
  }

  /** A plugin answered: nothing goes upstream. A body left unread closes the connection. */
  function answer(res: ServerResponse, run: PluginRun, reply: PluginReply): void {
    logWhenClosed(res, run);
    const close = run.hasBody && !run.req.complete;
    if (close) run.req.resume();
    metrics.countStatus(sendReply(res, reply, run, close));
  }

  /** The route matched and its plugins (if any) let the request through: redirect, cache or upstream. */
  function forwardMatched(req: IncomingMessage, res: ServerResponse, ex: Exchange, match: RouteMatch, guard: AcceptedRequest, hasBody: boolean, run: PluginRun | undefined): void {
    const method = req.method ?? 'GET';
    const traffic = match.route.traffic;
    if (run) logWhenClosed(res, run);
    // only these two answer from here; upstream answers take the plugins' hook in forward.ts
    const hook = run && (traffic?.redirect || match.route.response) ? headHook(run) : undefined;
    let response: ResponsePlan | undefined;
    try {
      if (traffic?.redirect) {
        metrics.countStatus(sendRedirect(res, traffic.redirect, match.params, ex.requestId, hook));
        return;
      }
      response = ResponsePlan.for(match.route.response, req, { method, host: guard.host, path: guard.path, query: guard.query, consumer: run?.consumer?.id });
      // a cache hit is answered here: no balancer pick, no upstream
      const hit = response?.serveHit(res, ex.requestId, hook) ?? 0;
      if (hit) {
        metrics.countStatus(hit);
        return;
      }
    } catch (err) {
      if (!(err instanceof HeaderPhaseError) || !run) throw err;
      answer(res, run, PLUGIN_ERROR);
      return;
    }
    const clientIp = run?.clientIp ?? clientIpOf(req);
    const headers = upstreamRequestHeaders(req.rawHeaders, req.headers.connection, {
      clientIp,
      proto: deps.proto,
      host: guard.host ?? '',
      port: deps.port,
      requestId: ex.requestId,
    });
    traffic?.requestHeaders?.(headers);
    let body: Buffer | undefined;
    if (run) {
      applyUpstreamHeaders(headers, run.upstreamHeaders);
      body = run.body;
      if (body !== undefined) setContentLength(headers, body.length);
    }
    // a declared length was checked up front; chunked bodies are counted while they stream
    if (hasBody && body === undefined && req.headers['content-length'] === undefined) {
      const socket = req.socket;
      watchBodySize(req, run ? run.streamLimit : limits.maxBodyBytes, () => failInFlight(socket, GwErrorCode.BODY_TOO_LARGE, metrics));
    }
    const route = match.route;
    // a split may choose another service than the route's: its base path, not the route service's
    const service = serviceOf(route, req.headers);
    const path = upstreamPath(route, match.prefix, guard.path, service) + (run?.upstreamQuery ?? guard.query);
    const fallback = route.fallback;
    ex.call = new ForwardCall(
      req,
      res,
      service,
      {
        method,
        path,
        headers,
        clientIp,
        requestId: ex.requestId,
        hasBody: hasBody || (body !== undefined && body.length > 0),
        body,
        plugins: run,
        response,
        editResponse: traffic?.responseHeaders ?? undefined,
        fallback,
        // the fallback service's own path prefix in place of the route service's
        fallbackPath: fallback?.service ? fallback.service.pathPrefix + path.slice(route.service.pathPrefix.length) : undefined,
        // a gRPC client's deadline bounds the whole call, as the service's total timeout does
        deadlineMs: grpcDeadlineMs(req.headers['grpc-timeout']),
      },
      forwardDeps,
    );
    ex.call.start();
  }
}

/**
 * The log phases run when the response closes; registered once the chain is final (the consumer's,
 * after auth) and only when it has log phases, so other plugin routes pay no listener.
 */
function logWhenClosed(res: ServerResponse, run: PluginRun): void {
  if (run.chain.log.length > 0) res.once('close', () => runLogPhase(run, res.headersSent ? res.statusCode : CLIENT_CLOSED));
}

/** what /metrics and log phases see for a response the client left before it started (nginx's 499) */
const CLIENT_CLOSED = 499;

/** The plugin run of a request on a route with plugins (HTTP and WebSocket handshakes alike). */
export function pluginRunOf(
  req: IncomingMessage,
  match: RouteMatch,
  guard: AcceptedRequest,
  host: PluginHost,
  requestId: string,
  hasBody: boolean,
  maxBodyBytes: number,
): PluginRun {
  const route = match.route;
  return new PluginRun(req, route.plugins as NonNullable<typeof route.plugins>, host, {
    requestId,
    method: req.method ?? 'GET',
    host: hostOf(guard.host),
    path: guard.path,
    query: guard.query,
    clientIp: clientIpOf(req),
    routeId: route.id,
    routeName: route.name,
    serviceId: route.service.id,
    hasBody,
    maxBodyBytes,
  });
}

export function isThenable<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown } | undefined)?.then === 'function';
}

/** Host without its port, lowercase (what plugins match on). */
export function hostOf(host: string | undefined): string {
  if (host === undefined) return '';
  const end = host.startsWith('[') ? host.indexOf(']') + 1 : host.indexOf(':');
  return (end > 0 ? host.slice(0, end) : host).toLowerCase();
}
