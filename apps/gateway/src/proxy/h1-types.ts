import type { IncomingMessage } from 'node:http';
import type { Dispatcher } from 'undici';
import type { H1Connection } from './h1-connection';

/** What a proxied request hands the lean client: undici's dispatch options, the subset we use. */
export interface H1DispatchOptions {
  method: string;
  /** path + query */
  path: string;
  /** flat [name, value, ...]; hop-by-hop headers already removed */
  headers: readonly string[];
  /** streamed from the client's request, or sent from memory (a body a plugin read or set) */
  body: IncomingMessage | Buffer | null;
  /**
   * ms from the request's write (restarted while its body is still going out, as undici does) to
   * the whole response head; trickled header bytes do not extend it. 0: none.
   */
  headersTimeout?: number;
  /** ms without a response body byte, not counting time the handler held the body back. 0: none. */
  bodyTimeout?: number;
}

/** Both timeouts when a request names none: undici's Client defaults, so both clients agree. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 300_000;

/**
 * The dispatch handler both upstream clients drive: undici 8's handler API (the callbacks
 * ForwardCall implements), so one handler serves undici pools and the lean client alike.
 * The lean client calls them as undici does: onRequestStart on a connected socket right before
 * the first byte is written, headers and trailers parsed into objects (undici's parseHeaders)
 * and kept raw on the controller (rawHeaders / rawTrailers: flat [name, value, ...] strings),
 * backpressure through controller.pause() / resume().
 */
export type H1Handler = Required<Pick<Dispatcher.DispatchHandler, 'onRequestStart' | 'onResponseStart' | 'onResponseData' | 'onResponseEnd' | 'onResponseError'>> &
  Pick<Dispatcher.DispatchHandler, 'onBodySent' | 'onRequestSent'>;

export interface H1ConnectionOwner {
  readonly host: string;
  readonly port: number;
  /** the Host header: the origin's authority, port omitted when it is 80 */
  readonly hostHeader: string;
  readonly connectTimeoutMs: number;
  /** the connection's request ended: it is idle again (reusable) or being closed */
  done(conn: H1Connection, reusable: boolean): void;
  /** the socket closed while no request ran on it */
  gone(conn: H1Connection): void;
  /** the connection was lost before it wrote this request: send it on another one */
  redispatch(conn: H1Connection, opts: H1DispatchOptions, handler: H1Handler): void;
}
