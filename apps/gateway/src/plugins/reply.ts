import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { GwErrorCode } from '@aya/config-schema';
import { errorBody, GW_ERROR_STATUS, gwErrorMessage } from '../proxy/errors';
import { isGrpcExchange, sendGrpcError } from '../proxy/grpc-errors';
import type { HeadHook } from '../response/header-list';
import type { PluginRun } from './plugin-run';
import type { PluginReply } from './types';

/**
 * Adds the run's responseHeaders to a response head and runs the chain's header phases on it (edit in
 * place). False when a phase threw (logged, counted): the caller answers 500 AYA_GW_PLUGIN_ERROR.
 */
export function runHeaderPhase(run: PluginRun, status: number, headers: string[]): boolean {
  for (const [name, value] of run.responseHeaders) headers.push(name, value);
  for (const step of run.chain.header) {
    try {
      step.instance.header(run, status, headers);
    } catch (err) {
      run.failed(step, err);
      return false;
    }
  }
  return true;
}

/** A header phase failed on a head the gateway writes itself: answer 500 AYA_GW_PLUGIN_ERROR instead. */
export class HeaderPhaseError extends Error {
  constructor() {
    super('a plugin header phase failed');
  }
}

/** The run's responseHeaders and header phases for cache hits, redirects and fallback answers. */
export function headHook(run: PluginRun): HeadHook {
  return (status, headers) => {
    if (!runHeaderPhase(run, status, headers)) throw new HeaderPhaseError();
  };
}

/** The chain's body phases over a buffered response body; undefined when one threw (logged, counted). */
export function runBodyPhase(run: PluginRun, status: number, headers: string[], body: Buffer): Buffer | undefined {
  let out = body;
  for (const step of run.chain.body) {
    try {
      out = step.instance.body(run, status, headers, out);
    } catch (err) {
      run.failed(step, err);
      return undefined;
    }
  }
  return out;
}

/** After the response: log phases; a throw there is logged and counted, nothing else (the answer is out). */
export function runLogPhase(run: PluginRun, status: number): void {
  for (const step of run.chain.log) {
    try {
      step.instance.log(run, status);
    } catch (err) {
      run.failed(step, err);
    }
  }
}

interface ReplyHead {
  status: number;
  headers: string[];
  body: string | Buffer;
}

/** status, headers and body of a reply (coded: the gateway's JSON error, `details` included) */
function replyHead(reply: PluginReply, requestId: string): ReplyHead {
  const headers: string[] = [];
  let status: number;
  let body: string | Buffer;
  if (reply.code !== undefined) {
    status = GW_ERROR_STATUS[reply.code];
    body = errorBody(reply.code, requestId, reply.details);
    headers.push('content-type', 'application/json; charset=utf-8', 'cache-control', 'no-store');
  } else {
    status = reply.status ?? 200;
    body = reply.body ?? '';
  }
  if (reply.headers) for (const name of Object.keys(reply.headers)) headers.push(name, reply.headers[name]);
  headers.push('x-request-id', requestId);
  return { status, headers, body };
}

/** Content-Length of the body; never on 204 / 304, which have no body and must not carry one (RFC 9110 8.6). */
function withLength(headers: string[], status: number, body: string | Buffer): string[] {
  if (status !== 204 && status !== 304) headers.push('content-length', String(Buffer.byteLength(body)));
  return headers;
}

/**
 * Answers a request with a plugin's reply (or a gateway error on a route with plugins): the run's
 * responseHeaders and the header phases apply as to any answer. `close`: the body was left unread,
 * the connection closes after the answer. Returns the status sent (for metrics).
 */
export function sendReply(res: ServerResponse, reply: PluginReply, run: PluginRun, close: boolean): number {
  let head = replyHead(reply, run.requestId);
  if (res.headersSent) {
    res.destroy();
    return head.status;
  }
  if (res.destroyed) return head.status;
  if (reply.code !== undefined && isGrpcExchange(res)) return sendGrpcReply(res, reply.code, reply.headers, run);
  if (!runHeaderPhase(run, head.status, head.headers)) head = replyHead({ code: GwErrorCode.PLUGIN_ERROR }, run.requestId);
  const headers = withLength(head.headers, head.status, head.body);
  // HTTP/2 has no connection-level headers: the stream alone ends there
  if (close && !('stream' in res)) headers.push('connection', 'close');
  res.writeHead(head.status, headers);
  res.end(head.body);
  return head.status;
}

/**
 * A coded reply to a gRPC call: gRPC clients read grpc-status, not JSON. The reply's own fields (a 429's
 * Retry-After and RateLimit) and the plugins' (responseHeaders, header phases: CORS) go with it as with
 * any answer; the gRPC fields are the gateway's.
 */
function sendGrpcReply(res: ServerResponse, code: GwErrorCode, own: Readonly<Record<string, string>> | undefined, run: PluginRun): number {
  let status = GW_ERROR_STATUS[code];
  let headers: string[] = [];
  if (own) for (const name of Object.keys(own)) headers.push(name, own[name]);
  if (!runHeaderPhase(run, status, headers)) {
    status = GW_ERROR_STATUS[(code = GwErrorCode.PLUGIN_ERROR)];
    headers = [];
  }
  sendGrpcError(res, status, gwErrorMessage(code), run.requestId, headers);
  return status;
}

/** The same answer as raw HTTP/1.1 bytes, for a WebSocket handshake's socket; always closes. */
export function rawReply(reply: PluginReply, run: PluginRun): { status: number; bytes: Buffer } {
  let head = replyHead(reply, run.requestId);
  if (!runHeaderPhase(run, head.status, head.headers)) head = replyHead({ code: GwErrorCode.PLUGIN_ERROR }, run.requestId);
  const headers = withLength(head.headers, head.status, head.body);
  let out = `HTTP/1.1 ${head.status} ${STATUS_CODES[head.status] ?? 'Unknown'}\r\n`;
  for (let i = 0; i < headers.length; i += 2) out += `${headers[i]}: ${headers[i + 1]}\r\n`;
  const body = typeof head.body === 'string' ? Buffer.from(head.body) : head.body;
  return { status: head.status, bytes: Buffer.concat([Buffer.from(`${out}connection: close\r\n\r\n`, 'latin1'), body]) };
}
