import { maxHeaderSize } from 'node:http';
import { connect, type Socket } from 'node:net';
import { util } from 'undici';
import { BodyPump } from './h1-body';
import { H1Controller, type H1ControllerOwner } from './h1-controller';
import { keepAliveHintMs } from './h1-keep-alive';
import { UpstreamError } from './h1-errors';
import { requestHead } from './h1-head';
import { queueSend } from './h1-send-queue';
import { H1Timer, type H1TimerKind } from './h1-timer';
import { httpParser, type NativeParser, type NativeParserClass } from './h1-parser';
import { DEFAULT_UPSTREAM_TIMEOUT_MS, type H1ConnectionOwner, type H1DispatchOptions, type H1Handler } from './h1-types';

/** undici's limit (node's --max-http-header-size, 16 KiB by default): both clients refuse the same heads. */
const MAX_HEADER_BYTES = maxHeaderSize;
/** Every connection reads into this one buffer (see the constructor). */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/** Headers as undici 8 hands them to onResponseStart / onResponseEnd (raw ones stay on the controller). */
const parseHeaders = util.parseHeaders;

/**
 * One keep-alive HTTP/1.1 connection to a plain-HTTP upstream: the request is written as one
 * string, the response parsed by node's native llhttp, the body relayed chunk by chunk with
 * backpressure (controller.pause() in onResponseStart / onResponseData holds the socket,
 * controller.resume() reads on). One request at a time.
 *
 * Every byte the upstream sends must belong to the written request: bytes while idle, before the
 * request's write, or after its response ended (a second response, a body longer than its
 * Content-Length) destroy the connection, and never reach a handler. A request that had not been
 * written yet then goes out on a fresh connection (owner.redispatch).
 */
export class H1Connection implements H1ControllerOwner {
  readonly socket: Socket;
  private readonly parser: NativeParser;
  private handler: H1Handler | null = null;
  /** the current request's controller, from its onRequestStart on */
  private controller: H1Controller | null = null;
  private opts: H1DispatchOptions | null = null;
  private pump: BodyPump | null = null;
  private chunked = false;
  private connected = false;
  /** the current request's head went out: from here on, response bytes are its own */
  private written = false;
  private requestDone = false;
  private headersSeen = false;
  /** the current response ended inside parser.execute(); settled once execute returns */
  private finished = false;
  /** the parser met bytes after the current response's end */
  private extra = false;
  private trailers: string[] | undefined;
  private informational = false;
  private skipBody = false;
  private keepAlive = true;
  /** the handler held the response body back (controller.pause()) until controller.resume() */
  private paused = false;
  private readonly timer = new H1Timer((kind) => this.onTimeout(kind));
  private pendingHeaders: string[] = [];
  private dead = false;
  /** the upstream's keep-alive hint of the last response (h1-keep-alive.ts); undefined: none */
  idleLimitMs: number | undefined;
  /** set by the pool when the connection goes idle: past this (Date.now()) it is not reused */
  idleUntil = 0;

  constructor(private readonly owner: H1ConnectionOwner) {
    // H1Pool exists only where leanClientAvailable() found it
    const P = httpParser() as NativeParserClass;
    this.parser = new P();
    this.parser.initialize(P.RESPONSE, {}, MAX_HEADER_BYTES, 0);
    this.parser[P.kOnMessageBegin] = this.onMessageBegin;
    this.parser[P.kOnHeaders] = this.onParserHeaders;
    this.parser[P.kOnHeadersComplete] = this.onHeadersComplete;
    this.parser[P.kOnBody] = this.onBody;
    this.parser[P.kOnMessageComplete] = this.onMessageComplete;
    // onread: libuv reads into one shared buffer and calls back directly, skipping the Readable
    // machinery and a Buffer per read; safe because the parser consumes it synchronously and
    // hands out body chunks as copies
    const socket = connect({ host: owner.host, port: owner.port, noDelay: true, onread: { buffer: READ_BUFFER, callback: this.onSocketRead } });
    this.socket = socket;
    this.timer.start('connect', owner.connectTimeoutMs);
    socket.on('connect', this.onSocketConnect);
    socket.on('error', this.onSocketError);
    socket.on('end', this.onSocketEnd);
    socket.on('close', this.onSocketClose);
  }

  get usable(): boolean {
    return !this.dead && !this.socket.destroyed;
  }

  /**
   * Takes one request. Its bytes leave in the event loop's check phase (as undici's do): a
   * framing error later in the client's same packet is handled first and cancels it unsent.
   */
  dispatch(opts: H1DispatchOptions, handler: H1Handler): void {
    this.handler = handler;
    this.opts = opts;
    this.controller = null;
    this.written = false;
    this.requestDone = false;
    this.headersSeen = false;
    this.informational = false;
    this.skipBody = opts.method === 'HEAD';
    this.keepAlive = true;
    this.paused = false;
    if (this.connected) queueSend(this);
  }

  destroy(): void {
    this.dead = true;
    this.socket.destroy();
  }

  private readonly onSocketConnect = (): void => {
    this.connected = true;
    this.timer.stop();
    if (this.handler) this.send();
  };

  send(): void {
    const handler = this.handler;
    const opts = this.opts;
    if (!handler || !opts || this.written) return;
    // connected, nothing written yet: the handler may still abort and send it elsewhere whole
    const controller = new H1Controller(this);
    this.controller = controller;
    handler.onRequestStart(controller, null);
    if (this.handler !== handler) return;
    const head = requestHead(opts, this.owner.hostHeader);
    if (head === null) {
      this.fail(new UpstreamError('UND_ERR_INVALID_ARG', 'invalid upstream request header value'));
      return;
    }
    this.written = true;
    this.chunked = opts.body !== null && !head.hasLength;
    // from the request's write to the whole response head; bytes trickling in do not extend it
    this.timer.start('headers', opts.headersTimeout ?? DEFAULT_UPSTREAM_TIMEOUT_MS);
    this.socket.write(this.chunked ? `${head.text}transfer-encoding: chunked\r\n\r\n` : `${head.text}\r\n`, 'latin1');
    if (Buffer.isBuffer(opts.body)) {
      // in memory (a plugin read or set it): one write, framed by the Content-Length the handler set
      if (opts.body.length > 0) this.socket.write(opts.body);
      this.bodySent();
    } else if (opts.body) this.pump = new BodyPump(opts.body, this.socket, this.chunked, this);
    else this.bodySent();
  }

  /** H1Controller.abort(): ends its request, never the connection's next one. */
  abortFrom(controller: H1Controller, reason: Error): void {
    if (this.controller === controller) this.fail(reason);
  }

  /** H1Controller.resume(): reads on, for its own request only. */
  resumeFrom(controller: H1Controller): void {
    if (this.controller !== controller || this.dead) return;
    this.paused = false;
    this.timer.restart();
    this.socket.resume();
  }

  /** BodyPump: a chunk left */
  bodyChunkSent(chunk: Buffer): void {
    // as undici: the head is awaited from the end of the request, not its first byte
    if (this.timer.current === 'headers') this.timer.restart();
    this.handler?.onBodySent?.(chunk);
  }

  /** BodyPump: the client's body ended and its last bytes are written */
  bodySent(): void {
    this.pump = null;
    this.requestDone = true;
    if (this.timer.current === 'headers') this.timer.restart();
    this.handler?.onRequestSent?.();
  }

  private readonly onSocketRead = (bytes: number, buffer: Buffer): boolean => {
    this.onSocketData(buffer.subarray(0, bytes));
    return true;
  };

  private onSocketData(data: Buffer): void {
    if (!this.handler || !this.written) {
      // bytes no written request owns: the connection cannot be trusted any more
      this.unsolicited();
      return;
    }
    let r: number | Error;
    try {
      r = this.parser.execute(data);
    } catch (err) {
      // a handler callback threw inside the parser: that request ends, as undici ends it
      this.finished = false;
      this.fail(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    // a parse error after the response ended is one more sign of bytes nobody asked for
    if (this.finished) this.settle(this.extra || typeof r !== 'number');
    else if (typeof r !== 'number') this.fail(parseError(r));
  }

  /** Drops the connection; a request waiting for its write goes out on a fresh one. */
  private unsolicited(): void {
    const handler = this.handler;
    const opts = this.opts;
    this.handler = null;
    this.opts = null;
    this.destroy();
    if (handler && opts) this.owner.redispatch(this, opts, handler);
  }

  /** llhttp starts a message: after the current response ended, one nobody asked for. */
  private readonly onMessageBegin = (): void => {
    if (this.finished) this.extra = true;
  };

  /** llhttp hands over headers early when there are many; they come back at headers-complete. */
  private readonly onParserHeaders = (headers: string[]): void => {
    for (const h of headers) this.pendingHeaders.push(h);
  };

  private readonly onHeadersComplete = (
    _major: number,
    _minor: number,
    headers: string[] | undefined,
    _method: unknown,
    _url: unknown,
    statusCode: number,
    statusText: string,
    upgrade: boolean,
    shouldKeepAlive: boolean,
  ): number => {
    let raw = headers;
    if (raw === undefined || this.pendingHeaders.length > 0) {
      raw = raw ? this.pendingHeaders.concat(raw) : this.pendingHeaders;
      this.pendingHeaders = [];
    }
    const handler = this.handler;
    const controller = this.controller;
    if (!handler || !controller || this.finished) return 0;
    if (upgrade || statusCode === 101) {
      process.nextTick(failOnTick, this, new UpstreamError('UND_ERR_SOCKET', 'unexpected upgrade from the upstream'));
      return 1;
    }
    if (statusCode < 200) {
      // 1xx: no body, another head follows on this connection (undici restarts the wait too)
      this.informational = true;
      this.timer.restart();
      return 0;
    }
    this.headersSeen = true;
    this.idleLimitMs = shouldKeepAlive ? keepAliveHintMs(raw) : undefined;
    this.keepAlive = shouldKeepAlive && this.idleLimitMs !== 0;
    this.timer.start('body', this.opts?.bodyTimeout ?? DEFAULT_UPSTREAM_TIMEOUT_MS);
    controller.rawHeaders = raw;
    handler.onResponseStart(controller, statusCode, parseHeaders(raw), statusText);
    if (controller.paused) this.hold();
    return this.skipBody ? 1 : 0;
  };

  private readonly onBody = (chunk: Buffer): void => {
    const controller = this.controller;
    if (this.finished || !this.handler || !controller) return;
    this.timer.restart();
    this.handler.onResponseData(controller, chunk);
    if (controller.paused) this.hold();
  };

  /** Backpressure from the handler: no reading (and no body timeout) until controller.resume(). */
  private hold(): void {
    this.paused = true;
    this.socket.pause();
  }

  private readonly onMessageComplete = (): void => {
    if (this.informational) {
      this.informational = false;
      return;
    }
    if (!this.handler || !this.headersSeen || this.finished) return;
    // the parser hands trailers over like early headers, right before the message ends
    this.trailers = this.pendingHeaders.length > 0 ? this.pendingHeaders : undefined;
    this.pendingHeaders = [];
    // settled after execute() returns, once the rest of the packet is known to be empty
    this.finished = true;
  };

  /** The response ended: the request completes; `extra` bytes after it condemn the connection. */
  private settle(extra: boolean): void {
    const handler = this.handler;
    const controller = this.controller;
    if (!handler || !controller) return;
    const trailers = this.trailers;
    this.trailers = undefined;
    this.finished = false;
    this.extra = false;
    this.pendingHeaders = [];
    this.handler = null;
    this.controller = null;
    this.opts = null;
    this.timer.stop();
    let reusable = this.keepAlive && !this.dead && !extra;
    if (!this.requestDone) {
      // the upstream answered before taking the whole body: that connection is done, and the
      // rest of the client's body is read and dropped so its connection does not stall
      reusable = false;
      this.pump?.stop()?.resume();
      this.pump = null;
    }
    if (reusable) this.socket.resume();
    else this.destroy();
    this.owner.done(this, reusable);
    controller.rawTrailers = trailers ?? null;
    handler.onResponseEnd(controller, trailers ? parseHeaders(trailers) : {});
  }

  private onTimeout(kind: H1TimerKind): void {
    if (kind === 'connect') {
      if (this.connected) return;
      if (this.handler) this.fail(new UpstreamError('UND_ERR_CONNECT_TIMEOUT', 'connect timeout'));
      else this.destroy();
    } else if (kind === 'headers') {
      // a client still sending its body at its own pace is not the upstream's delay (as undici)
      if (!this.handler || (!this.requestDone && !this.socket.writableNeedDrain)) return;
      this.fail(new UpstreamError('UND_ERR_HEADERS_TIMEOUT', 'headers timeout'));
    } else if (kind === 'body') {
      // a body held back by a slow client is not idle on the upstream's side; resume() restarts it
      if (this.handler && !this.paused) this.fail(new UpstreamError('UND_ERR_BODY_TIMEOUT', 'body timeout'));
    }
  }

  private socketError: Error | undefined;

  private readonly onSocketError = (err: Error): void => {
    this.socketError = err;
  };

  /**
   * The upstream ended its side. Seen before the deferred write (the 'close' that follows comes a
   * loop phase later): a kept-alive connection whose idle timeout won the race against a new
   * request. Nothing was sent, so the request goes out on a fresh connection.
   */
  private readonly onSocketEnd = (): void => {
    this.dead = true;
    if (this.handler && !this.written) this.unsolicited();
  };

  private readonly onSocketClose = (): void => {
    this.dead = true;
    this.timer.close();
    if (this.handler && this.connected && !this.written) {
      this.unsolicited();
    } else if (this.handler && this.headersSeen) {
      // a close-delimited body ends here
      const err = this.parser.finish();
      if (this.finished) this.settle(false);
      else if (err) this.socketError ??= err;
    }
    if (this.handler) {
      const cause = this.socketError;
      // nothing connected yet: the connect error itself (ECONNREFUSED...) says what happened
      const err = !this.connected && cause ? cause : new UpstreamError('UND_ERR_SOCKET', 'the upstream closed the connection', { cause });
      this.fail(err);
    } else {
      this.owner.gone(this);
    }
    this.parser.close();
  };

  /** Ends the current request with `err`; an unwritten connection goes back to the pool intact. */
  fail(err: Error): void {
    const handler = this.handler;
    if (!handler) return;
    const controller = this.controller;
    this.finished = false;
    this.handler = null;
    this.controller = null;
    this.opts = null;
    this.timer.stop();
    this.pump?.stop();
    this.pump = null;
    const reusable = !this.written && this.connected && !this.dead;
    if (!reusable) this.destroy();
    this.owner.done(this, reusable);
    // failed before it started (connect error, timeout): an aborted controller, as undici's queued aborts
    handler.onResponseError(controller ?? H1Controller.failed(err), err);
  }
}

function parseError(err: Error): UpstreamError {
  const code = (err as { code?: unknown }).code === 'HPE_HEADER_OVERFLOW' ? 'UND_ERR_HEADERS_OVERFLOW' : 'UND_ERR_SOCKET';
  return new UpstreamError(code, `bad upstream response: ${err.message}`, { cause: err });
}

function failOnTick(conn: H1Connection, err: Error): void {
  conn.fail(err);
}
