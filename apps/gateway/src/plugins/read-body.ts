import type { IncomingMessage } from 'node:http';

/** The body is over the limit a plugin (or the gateway) allows: 413 AYA_GW_BODY_TOO_LARGE. */
export class BodyTooLargeError extends Error {
  constructor() {
    super('the request body is over the limit');
  }
}

/** The client went away (or its stream failed) before the body ended: nothing to answer. */
export class BodyAbortedError extends Error {
  constructor() {
    super('the request body was cut');
  }
}

/**
 * Reads a whole request body into one Buffer, refusing it (BodyTooLargeError) as soon as more than
 * `max` bytes arrived; the rest stays unread (the answer then closes the connection).
 */
export function readWholeBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
      req.off('aborted', onFail);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        done();
        req.pause();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      done();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onFail = (): void => {
      done();
      reject(new BodyAbortedError());
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFail);
    req.on('aborted', onFail);
    req.resume();
  });
}
