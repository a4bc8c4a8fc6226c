import type { ServerResponse } from 'node:http';
import type { Transform } from 'node:stream';

/**
 * Where ForwardCall writes the upstream body once the route changes it (compression) or keeps a
 * copy (cache). Same contract as undici's onData: write() false means "paused", and `resume`
 * (given at creation) is called once the sink can take more.
 */
export interface ResponseSink {
  write(chunk: Buffer): boolean;
  end(): void;
  /** the upstream failed mid-body: drop the copy, free the compressor */
  abort(): void;
}

/** Collects what the client is sent, up to a cap; past it the copy is dropped and streaming goes on. */
export class CacheFill {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private dead = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onComplete: (body: Buffer) => void,
  ) {}

  add(chunk: Buffer): void {
    if (this.dead) return;
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) this.discard();
    else this.chunks.push(chunk);
  }

  commit(): void {
    if (this.dead) return;
    this.dead = true;
    const body = Buffer.concat(this.chunks, this.bytes);
    this.chunks = [];
    this.onComplete(body);
  }

  discard(): void {
    this.dead = true;
    this.chunks = [];
  }
}

/** Plain body, copied for the cache. */
export function teeSink(res: ServerResponse, fill: CacheFill, resume: () => void): ResponseSink {
  // a client that leaves early got a partial body: never store it
  res.once('close', () => {
    if (!res.writableFinished) fill.discard();
  });
  return {
    write(chunk) {
      fill.add(chunk);
      if (res.write(chunk)) return true;
      res.once('drain', resume);
      return false;
    },
    end() {
      fill.commit();
      if (!res.destroyed) res.end();
    },
    abort() {
      fill.discard();
    },
  };
}

/**
 * Body through a zlib stream piped to the client: pipe() pauses the compressor while the client's
 * socket is full, the compressor's own buffer then fills and write() returns false, which pauses
 * undici. The copy for the cache is the compressed bytes, so hits cost no CPU.
 */
export function compressSink(res: ServerResponse, z: Transform, fill: CacheFill | null, resume: () => void): ResponseSink {
  if (fill) {
    z.on('data', (c: Buffer) => fill.add(c));
    z.once('end', () => fill.commit());
  }
  // zlib errors only on misuse or memory exhaustion: cut the response rather than send garbage
  z.once('error', () => res.destroy());
  z.pipe(res);
  res.once('close', () => {
    if (res.writableFinished) return;
    fill?.discard();
    z.destroy();
  });
  return {
    write(chunk) {
      if (z.write(chunk)) return true;
      z.once('drain', resume);
      return false;
    },
    end() {
      z.end();
    },
    abort() {
      fill?.discard();
      z.unpipe(res);
      z.destroy();
    },
  };
}
