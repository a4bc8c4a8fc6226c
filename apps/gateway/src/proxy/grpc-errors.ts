import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import { isHopByHop } from './headers';

/** gRPC status codes the gateway can produce (grpc/doc/statuscodes.md). */
export const GrpcStatus = {
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/**
 * By HTTP status rather than by gateway code, so codes other rooms add (rate limits, auth)
 * map sensibly without touching this table.
 */
const BY_HTTP_STATUS: Record<number, number> = {
  400: GrpcStatus.INVALID_ARGUMENT,
  401: GrpcStatus.UNAUTHENTICATED,
  403: GrpcStatus.PERMISSION_DENIED,
  404: GrpcStatus.UNIMPLEMENTED,
  408: GrpcStatus.DEADLINE_EXCEEDED,
  413: GrpcStatus.RESOURCE_EXHAUSTED,
  429: GrpcStatus.RESOURCE_EXHAUSTED,
  431: GrpcStatus.RESOURCE_EXHAUSTED,
  500: GrpcStatus.INTERNAL,
  502: GrpcStatus.UNAVAILABLE,
  503: GrpcStatus.UNAVAILABLE,
  504: GrpcStatus.DEADLINE_EXCEEDED,
};

export function grpcStatusFor(httpStatus: number): number {
  return BY_HTTP_STATUS[httpStatus] ?? GrpcStatus.UNKNOWN;
}

/** application/grpc, application/grpc+proto...; not grpc-web (HTTP/1 friendly, trailers in the body). */
export function isGrpcContentType(value: string | undefined): boolean {
  return value !== undefined && /^application\/grpc(?:[+;]|$)/i.test(value);
}

/** grpc-message is percent-encoded outside printable ASCII (and `%` itself). */
export function encodeGrpcMessage(message: string): string {
  return message.replace(/[^\x20-\x24\x26-\x7e]/g, (c) =>
    [...Buffer.from(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** The response of a gRPC request: gateway errors must be gRPC statuses, not JSON bodies. */
export function isGrpcExchange(res: ServerResponse | Http2ServerResponse): boolean {
  const req = (res as { req?: IncomingMessage }).req;
  return req !== undefined && isGrpcContentType(req.headers['content-type']);
}

/** What the gRPC answer itself says: fields of the same name among the extra ones are dropped. */
const OWN_FIELDS = new Set(['content-type', 'content-length', 'grpc-status', 'grpc-message', 'x-request-id']);

/** Extra fields ([name, value, ...]) as a header object, repeated names as arrays, minus hop-by-hop ones (HTTP/2 forbids them). */
function extraFields(extra: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < extra.length; i += 2) {
    const name = extra[i].toLowerCase();
    if (OWN_FIELDS.has(name) || isHopByHop(name) || name.startsWith(':')) continue;
    const had = out[name];
    out[name] = had === undefined ? extra[i + 1] : [...(Array.isArray(had) ? had : [had]), extra[i + 1]];
  }
  return out;
}

/**
 * A trailers-only gRPC answer (HTTP 200, grpc-status in one HEADERS frame that ends the stream),
 * which is how gRPC servers report errors before any message. Over HTTP/1.1 (no trailers) the
 * status goes in the headers, which grpc-web style clients read. `extra`: fields the answer carries
 * too (a plugin's Retry-After / RateLimit, CORS), flat [name, value, ...].
 */
export function sendGrpcError(res: ServerResponse | Http2ServerResponse, httpStatus: number, message: string, requestId: string, extra: readonly string[] = []): void {
  const headers = {
    ...extraFields(extra),
    'content-type': 'application/grpc',
    'grpc-status': String(grpcStatusFor(httpStatus)),
    'grpc-message': encodeGrpcMessage(message),
    'x-request-id': requestId,
  };
  if ('stream' in res) {
    if (res.stream.destroyed || res.stream.headersSent) return;
    res.stream.respond({ ':status': 200, ...headers }, { endStream: true });
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': 0 });
  res.end();
}
