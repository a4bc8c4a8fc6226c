import type { IncomingMessage } from 'node:http';
import { createSecureServer, createServer, type Http2SecureServer, type Http2Server, type Http2Session, type SecureServerOptions } from 'node:http2';
import type { Socket } from 'node:net';
import type { SecureContext } from 'node:tls';
import { GwErrorCode } from '@aya/config-schema';
import type { Metrics } from '../metrics';
import { refuseSocket } from '../proxy/errors';
import { DEFAULT_LIMITS, type ProxyLimits } from '../proxy/limits';
import { dualHandler, type ProxyRequestHandler } from './h2-compat';
import { requestClientCertificatesWhen } from './client-certificates';
import { onClientError } from './proxy-server';

export interface H2ListenerOptions {
  handler: ProxyRequestHandler;
  /** WebSocket over HTTP/1.1 on the TLS port */
  upgrade?: (req: IncomingMessage, socket: Socket, head: Buffer) => void;
  limits?: ProxyLimits;
  metrics?: Metrics;
  /** HTTPS only: whether new connections are asked for a client certificate (mtls-auth), read per connection */
  requestClientCert?: () => boolean;
}

export interface H2Listener {
  readonly server: Http2SecureServer | Http2Server;
  /** stop accepting; HTTP/2 sessions get GOAWAY (their open streams finish) */
  beginClose(): Promise<void>;
  /** drain deadline passed: cut whatever is left */
  destroyAll(): void;
}

/** The HTTP/1.1 settings node:http takes as options, which the h2 server only reads as properties. */
interface Http1Fallback {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionsCheckingInterval: number;
  maxHeaderSize: number;
  maxHeadersCount: number;
}

function h2Settings(limits: ProxyLimits): Pick<SecureServerOptions, 'settings' | 'maxHeaderListPairs' | 'maxSessionMemory'> {
  return {
    // the h2 twins of AYA_MAX_HEADER_BYTES / AYA_MAX_HEADER_COUNT (+ 4 pseudo-headers)
    settings: { maxHeaderListSize: limits.maxHeaderBytes, maxConcurrentStreams: 256 },
    maxHeaderListPairs: limits.maxHeaderCount + 5,
    maxSessionMemory: 32,
  };
}

function track(server: Http2SecureServer | Http2Server, options: H2ListenerOptions): H2Listener {
  const sessions = new Set<Http2Session>();
  const sockets = new Set<Socket>();
  const idleMs = (options.limits ?? DEFAULT_LIMITS).keepAliveTimeoutMs;
  server.on('session', (s: Http2Session) => {
    sessions.add(s);
    s.once('close', () => sessions.delete(s));
    // an HTTP/2 connection with no frames either way for the keep-alive time gets GOAWAY, as an idle
    // HTTP/1.1 one is closed: open streams still finish, no new ones start (a held connection costs memory)
    s.setTimeout(idleMs, () => s.close());
    // a peer's protocol error costs its session only; node destroys it after this event
    s.on('error', () => {});
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // HTTP/1.1 on the TLS port: the same JSON 400/408/431 answers as the plain listener
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => onClientError(err, socket, options.metrics));
  if (options.upgrade) server.on('upgrade', options.upgrade);
  server.on('connect', (_req: IncomingMessage, socket: Socket) => refuseSocket(socket, GwErrorCode.BAD_REQUEST));
  return {
    server,
    beginClose: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sessions) s.close();
      }),
    destroyAll: () => {
      for (const s of sessions) s.destroy();
      for (const socket of sockets) socket.destroy();
    },
  };
}

function applyHttp1Limits(server: Http2SecureServer, limits: ProxyLimits): void {
  const requestTimeout = limits.requestTimeoutMs;
  const headersTimeout = Math.min(limits.headersTimeoutMs, requestTimeout);
  const fallback: Http1Fallback = {
    headersTimeout,
    requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, Math.max(25, Math.floor(headersTimeout / 4))),
    maxHeaderSize: limits.maxHeaderBytes,
    // node drops headers past this silently; one extra lets the guard see "too many"
    maxHeadersCount: limits.maxHeaderCount + 1,
  };
  Object.assign(server, fallback);
}

/**
 * The HTTPS listener: TLS with the certificate the SNI picks (no default certificate: a
 * handshake without a known name fails), ALPN h2 or http/1.1, one handler for both.
 */
export function createTlsListener(options: H2ListenerOptions, sniCallback: (name: string, cb: (err: Error | null, ctx?: SecureContext) => void) => void): H2Listener {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const server = createSecureServer(
    { allowHTTP1: true, ALPNProtocols: ['h2', 'http/1.1'], SNICallback: sniCallback, minVersion: 'TLSv1.2', ...h2Settings(limits) },
    dualHandler(options.handler),
  );
  applyHttp1Limits(server, limits);
  if (options.requestClientCert) requestClientCertificatesWhen(server, options.requestClientCert);
  return track(server, options);
}

/** Cleartext HTTP/2 with prior knowledge (gRPC clients inside a cluster): AYA_PROXY_H2C_PORT. */
export function createH2cListener(options: H2ListenerOptions): H2Listener {
  const server = createServer(h2Settings(options.limits ?? DEFAULT_LIMITS), dualHandler(options.handler));
  return track(server, options);
}
