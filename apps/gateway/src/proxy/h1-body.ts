import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { UpstreamError } from './h1-errors';

export interface BodyPumpOwner {
  bodyChunkSent(chunk: Buffer): void;
  bodySent(): void;
  fail(err: Error): void;
}

/**
 * Streams a client's request body to the upstream socket, as is (Content-Length) or re-framed
 * chunked, pausing the client while the upstream socket is full.
 */
export class BodyPump {
  private attached = true;

  constructor(
    private readonly body: IncomingMessage,
    private readonly socket: Socket,
    private readonly chunked: boolean,
    private readonly owner: BodyPumpOwner,
  ) {
    body.on('data', this.onData);
    body.on('end', this.onEnd);
    body.on('error', this.onError);
    body.on('close', this.onClose);
    // watchBodySize may have paused it so its listener and this one both see every chunk
    body.resume();
  }

  /** Stops relaying; returns the body so the caller may drain what is left of it. */
  stop(): IncomingMessage | null {
    if (!this.attached) return null;
    this.attached = false;
    const body = this.body;
    body.off('data', this.onData);
    body.off('end', this.onEnd);
    body.off('error', this.onError);
    body.off('close', this.onClose);
    this.socket.off('drain', this.onDrain);
    return body;
  }

  private readonly onData = (chunk: Buffer): void => {
    if (chunk.length === 0) return;
    const socket = this.socket;
    let ok: boolean;
    if (this.chunked) {
      socket.cork();
      socket.write(`${chunk.length.toString(16)}\r\n`, 'latin1');
      socket.write(chunk);
      ok = socket.write('\r\n', 'latin1');
      socket.uncork();
    } else {
      ok = socket.write(chunk);
    }
    this.owner.bodyChunkSent(chunk);
    if (!ok && this.attached) {
      this.body.pause();
      socket.once('drain', this.onDrain);
    }
  };

  private readonly onDrain = (): void => {
    if (this.attached) this.body.resume();
  };

  private readonly onEnd = (): void => {
    this.stop();
    if (this.chunked) this.socket.write('0\r\n\r\n', 'latin1');
    this.owner.bodySent();
  };

  private readonly onError = (err: Error): void => {
    this.owner.fail(new UpstreamError('UND_ERR_ABORTED', 'the client request body failed', { cause: err }));
  };

  /** A body that closes before 'end' was cut by its client. */
  private readonly onClose = (): void => {
    if (!this.body.complete) this.owner.fail(new UpstreamError('UND_ERR_ABORTED', 'the client request body was cut'));
  };
}
