import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { GwErrorCode, type GwErrorBody } from '@aya/config-schema';
import { isGrpcExchange, sendGrpcError } from './grpc-errors';

export const GW_ERROR_STATUS: Record<GwErrorCode, number> = {
  [GwErrorCode.ROUTE_NOT_FOUND]: 404,
  [GwErrorCode.NOT_READY]: 503,
  [GwErrorCode.UPSTREAM_UNAVAILABLE]: 502,
  [GwErrorCode.UPSTREAM_TIMEOUT]: 504,
  [GwErrorCode.NO_HEALTHY_UPSTREAM]: 503,
  [GwErrorCode.BAD_REQUEST]: 400,
  [GwErrorCode.INTERNAL]: 500,
  [GwErrorCode.HEADERS_TOO_LARGE]: 431,
  [GwErrorCode.BODY_TOO_LARGE]: 413,
  [GwErrorCode.REQUEST_TIMEOUT]: 408,
  [GwErrorCode.PLUGIN_ERROR]: 500,
  [GwErrorCode.UNAUTHORIZED]: 401,
  [GwErrorCode.FORBIDDEN]: 403,
  [GwErrorCode.RATE_LIMITED]: 429,
  [GwErrorCode.QUOTA_EXCEEDED]: 429,
  [GwErrorCode.REQUEST_INVALID]: 400,
  [GwErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [GwErrorCode.LIMIT_UNAVAILABLE]: 503,
  [GwErrorCode.LENGTH_REQUIRED]: 411,
};

/**
 * No route matched. Before the first config (none on disk, control plane not reached yet) no route is
 * known rather than absent: 503 tells a client, or an L4 balancer without a readiness check, to try
 * again, where 404 would say "no such API".
 */
export function unmatchedRouteCode(configRevision: number): GwErrorCode {
  return configRevision < 0 ? GwErrorCode.NOT_READY : GwErrorCode.ROUTE_NOT_FOUND;
}

/** Fixed messages: the gateway never echoes upstream error text to clients. */
const MESSAGES: Record<GwErrorCode, string> = {
  [GwErrorCode.ROUTE_NOT_FOUND]: 'no route matches this request',
  [GwErrorCode.NOT_READY]: 'the gateway has not loaded its configuration yet',
  [GwErrorCode.UPSTREAM_UNAVAILABLE]: 'the upstream service is unavailable',
  [GwErrorCode.UPSTREAM_TIMEOUT]: 'the upstream service did not answer in time',
  [GwErrorCode.NO_HEALTHY_UPSTREAM]: 'the upstream has no target that can take requests',
  [GwErrorCode.BAD_REQUEST]: 'the request cannot be proxied',
  [GwErrorCode.INTERNAL]: 'the gateway failed to handle this request',
  [GwErrorCode.HEADERS_TOO_LARGE]: 'the request headers are too large',
  [GwErrorCode.BODY_TOO_LARGE]: 'the request body is too large',
  [GwErrorCode.REQUEST_TIMEOUT]: 'the request was not received in time',
  [GwErrorCode.PLUGIN_ERROR]: 'a plugin of this route failed; the request was not forwarded',
  [GwErrorCode.UNAUTHORIZED]: 'missing or invalid credentials',
  [GwErrorCode.FORBIDDEN]: 'access to this resource is not allowed',
  [GwErrorCode.RATE_LIMITED]: 'rate limit exceeded',
  [GwErrorCode.QUOTA_EXCEEDED]: 'quota exceeded',
  [GwErrorCode.REQUEST_INVALID]: 'the request does not match the schema of this route',
  [GwErrorCode.UNSUPPORTED_MEDIA_TYPE]: 'the request content type is not accepted by this route',
  [GwErrorCode.LIMIT_UNAVAILABLE]: 'the limit for this request cannot be checked right now',
  [GwErrorCode.LENGTH_REQUIRED]: 'this route requires a Content-Length on request bodies',
};

/** The fixed message of a code (gRPC answers carry it as grpc-message). */
export function gwErrorMessage(code: GwErrorCode): string {
  return MESSAGES[code];
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  411: 'Length Required',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * A whole error response as raw bytes, for sockets node:http has no ServerResponse for (parse
 * errors, refused upgrades). Always closes: after a framing error the stream cannot be trusted.
 */
export function rawErrorResponse(code: GwErrorCode, requestId: string): string {
  const status = GW_ERROR_STATUS[code];
  const body = errorBody(code, requestId);
  return (
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\ncontent-type: application/json; charset=utf-8\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${body}`
  );
}

export function errorBody(code: GwErrorCode, requestId: string, details?: unknown): string {
  const body: GwErrorBody = { error: details === undefined ? { code, message: MESSAGES[code], requestId } : { code, message: MESSAGES[code], requestId, details } };
  return JSON.stringify(body);
}

/** Answers on a raw socket and closes it; a peer that never reads is cut after a grace period. */
export function refuseSocket(socket: Socket, code: GwErrorCode, requestId = 'none'): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(rawErrorResponse(code, requestId));
  socket.setTimeout(5_000, () => socket.destroy());
}

/**
 * Answers with a gateway error. When the response has already started (headers sent) the only
 * honest thing left is to cut the connection so the client sees a truncated response. `close`
 * ends the connection after the answer (bad framing, unread body).
 */
export function sendGwError(res: ServerResponse, code: GwErrorCode, requestId: string, close = false): number {
  const status = GW_ERROR_STATUS[code];
  if (res.headersSent) {
    res.destroy();
    return status;
  }
  if (res.destroyed) return status;
  // gRPC clients read grpc-status, not JSON; metrics still count the equivalent HTTP status
  if (isGrpcExchange(res)) {
    sendGrpcError(res, status, MESSAGES[code], requestId);
    return status;
  }
  const body = errorBody(code, requestId);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestId,
    'cache-control': 'no-store',
    // node:http sees this and closes the connection once the response is out
    // (HTTP/2 has no connection-level headers: the stream alone ends there)
    ...(close && !('stream' in res) ? { connection: 'close' } : {}),
  });
  res.end(body);
  return status;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Failures where nothing reached the upstream, so trying another target is safe. */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

export function errorCodeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export function isTimeout(err: unknown): boolean {
  return TIMEOUT_CODES.has(errorCodeOf(err));
}

export function isConnectFailure(err: unknown): boolean {
  return CONNECT_CODES.has(errorCodeOf(err));
}

export function classifyUpstreamError(err: unknown): GwErrorCode {
  return isTimeout(err) ? GwErrorCode.UPSTREAM_TIMEOUT : GwErrorCode.UPSTREAM_UNAVAILABLE;
}
