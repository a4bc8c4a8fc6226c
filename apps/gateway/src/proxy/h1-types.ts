import type { IncomingMessage } from 'node:http';
import type { H1Connection } from './h1-connection';

/** What a proxied request hands the lean client: undici's dispatch options, the subset we use. */
export interface H1DispatchOptions {
  method: string;
  /** path + query */
  path: string;
  /** flat [name, value, ...]; hop-by-hop headers already removed */
  headers: readonly string[];
  body: IncomingMessage | null;
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

/** undici's legacy dispatch handler callbacks, as ForwardCall implements them. */
export interface H1Handler {
  onConnect(abort: (err?: Error) => void): void;
  onBodySent?(chunk: Buffer): void;
  onRequestSent?(): void;
  onHeaders(statusCode: number, rawHeaders: string[], resume: () => void, statusText: string): boolean;
  onData(chunk: Buffer): boolean;
  /** trailers of a chunked answer as a flat [name, value, ...] list, undefined when none */
  onComplete(trailers: string[] | undefined): void;
  onError(err: Error): void;
}

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
