import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';
import { GwErrorCode } from '@aya/config-schema';
import type { Metrics } from '../metrics';
import { refuseSocket } from '../proxy/errors';
import { failInFlight } from '../proxy/handler';
import { DEFAULT_LIMITS, type ProxyLimits } from '../proxy/limits';

export interface ProxyServerOptions {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** WebSocket (and other Upgrade) requests; without it they are served as plain requests */
  upgrade?: (req: IncomingMessage, socket: Socket, head: Buffer) => void;
  limits?: ProxyLimits;
  metrics?: Metrics;
}

/** Parser / timeout errors node:http reports through 'clientError', as gateway codes. */
export function clientErrorCode(err: NodeJS.ErrnoException): GwErrorCode {
  if (err.code === 'HPE_HEADER_OVERFLOW') return GwErrorCode.HEADERS_TOO_LARGE;
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return GwErrorCode.REQUEST_TIMEOUT;
  return GwErrorCode.BAD_REQUEST;
}

/** node:http 'clientError' (plain and TLS listeners): a JSON error, then the connection closes. */
export function onClientError(err: NodeJS.ErrnoException, socket: Socket, metrics: Metrics | undefined): void {
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE') {
    socket.destroy();
    return;
  }
  const code = clientErrorCode(err);
  // a request already being proxied on this socket (bad chunk mid-body) answers through its response
  if (failInFlight(socket, code, metrics)) return;
  metrics?.countStatus(code === GwErrorCode.BAD_REQUEST ? 400 : code === GwErrorCode.REQUEST_TIMEOUT ? 408 : 431);
  refuseSocket(socket, code);
}

/**
 * The proxy listener. llhttp refuses smuggling shapes (CL+TE, duplicate / bad Content-Length,
 * bad chunking, obs-fold) before any handler runs; each becomes a JSON 400 and a closed
 * connection here. Slow clients: node checks headers/request deadlines every interval, so the
 * interval follows the headers timeout (its 30 s default would let a slowloris linger).
 */
export function createProxyServer(options: ProxyServerOptions): Server {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const requestTimeout = limits.requestTimeoutMs;
  const headersTimeout = Math.min(limits.headersTimeoutMs, requestTimeout);
  const server = createServer(
    {
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      headersTimeout,
      requestTimeout,
      connectionsCheckingInterval: Math.min(1_000, Math.max(25, Math.floor(headersTimeout / 4))),
      maxHeaderSize: limits.maxHeaderBytes,
      // HTTP/1.1 without Host is refused by guardRequest with a JSON 400, not by node's plain one
      requireHostHeader: false,
    },
    options.handler,
  );
  // node silently DROPS headers past maxHeadersCount; one extra lets guardRequest see "too many"
  server.maxHeadersCount = limits.maxHeaderCount + 1;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => onClientError(err, socket, options.metrics));
  // CONNECT would make us a tunnel to anywhere: refused
  server.on('connect', (_req: IncomingMessage, socket: Socket) => refuseSocket(socket, GwErrorCode.BAD_REQUEST));
  // without a listener node serves Upgrade requests as plain requests, which is what we want then
  if (options.upgrade) server.on('upgrade', options.upgrade);
  return server;
}

/** How long connections idle when the drain starts may still bring one more request. */
export const KEEPALIVE_GRACE_MS = 1_000;

/**
 * First step of the drain: stop accepting and answer every request from now on with
 * `Connection: close`. Unlike node's `server.close()`, idle keep-alive connections stay open:
 * a client may be sending on one right now, and closing it under that request fails it (the
 * keep-alive race; behind a load balancer, a failed request per idle connection). They get
 * `KEEPALIVE_GRACE_MS` to bring their next request; the caller then closes the ones still idle.
 * Resolves once every connection is gone.
 */
export function stopAccepting(server: Server): Promise<void> {
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    res.shouldKeepAlive = false;
  });
  return new Promise((resolve) => net.Server.prototype.close.call(server, () => resolve()));
}

/** Connections still open on a listener (idle, busy or upgraded). */
export function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((err, n) => resolve(err ? 0 : n)));
}
