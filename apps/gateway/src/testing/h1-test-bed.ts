import { createServer as createHttpServer, request, type IncomingMessage, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { H1DispatchOptions, H1Handler } from '../proxy/h1-types';
import { H1Pool } from '../proxy/h1-pool';

/** What a dispatch handler saw of one request (collect()). */
export interface Outcome {
  status: number;
  headers: string[];
  body: string;
  error?: Error & { code?: string };
  connected: boolean;
  requestSent: boolean;
  trailers?: string[];
}

/**
 * A dispatch handler that records everything (raw headers and trailers from the controller);
 * `pauseFirst` pauses on the first body chunk, resuming 50 ms later.
 */
export function collect(pauseFirst = false): { handler: H1Handler; done: Promise<Outcome> } {
  const out: Outcome = { status: 0, headers: [], body: '', connected: false, requestSent: false };
  let resolve!: (o: Outcome) => void;
  const done = new Promise<Outcome>((r) => (resolve = r));
  let paused = false;
  const handler: H1Handler = {
    onRequestStart: () => void (out.connected = true),
    onRequestSent: () => void (out.requestSent = true),
    onResponseStart(controller, status) {
      out.status = status;
      out.headers = controller.rawHeaders as string[];
    },
    onResponseData(controller, chunk) {
      out.body += chunk.toString('latin1');
      if (pauseFirst && !paused) {
        paused = true;
        controller.pause();
        setTimeout(() => controller.resume(), 50);
      }
    },
    onResponseEnd: (controller) => resolve({ ...out, trailers: (controller.rawTrailers as string[] | null) ?? undefined }),
    onResponseError: (_controller, err) => resolve({ ...out, error: err }),
  };
  return { handler, done };
}

export function get(path: string, extra: Partial<H1DispatchOptions> = {}): H1DispatchOptions {
  return { method: 'GET', path, headers: ['x-test', 'yes'], body: null, headersTimeout: 2_000, ...extra };
}

/** A raw upstream: its request heads (as text) and the server side of each connection. */
export interface RawUpstream {
  port: number;
  connections(): number;
  sockets: Socket[];
}

/** Servers and pools of one test file, closed after each test. */
export class H1TestBed {
  private readonly servers: (Server | NetServer)[] = [];
  private readonly pools: H1Pool[] = [];

  async close(): Promise<void> {
    await Promise.all(this.pools.splice(0).map((p) => p.close()));
    await Promise.all(this.servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  }

  async listen<S extends Server | NetServer>(server: S): Promise<number> {
    this.servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  }

  /** A port nothing listens on. */
  async closedPort(): Promise<number> {
    const server = createNetServer();
    const port = await this.listen(server);
    this.servers.splice(this.servers.indexOf(server), 1);
    await new Promise((r) => server.close(r));
    return port;
  }

  pool(port: number, keepAliveTimeoutMs = 4_000, connectTimeoutMs = 1_000): H1Pool {
    const p = new H1Pool(`http://127.0.0.1:${port}`, { connectTimeoutMs, keepAliveTimeoutMs });
    this.pools.push(p);
    return p;
  }

  /**
   * A front server whose requests are forwarded with the pool, for real IncomingMessage bodies;
   * it answers the upstream's body, or `error <code>`.
   */
  async front(p: H1Pool, onOutcome: (o: Outcome) => void, extra: Partial<H1DispatchOptions> = {}): Promise<number> {
    return this.listen(
      createHttpServer((req: IncomingMessage, res) => {
        const { handler, done } = collect();
        const headers: string[] = [];
        for (let i = 0; i < req.rawHeaders.length; i += 2) {
          const name = req.rawHeaders[i].toLowerCase();
          if (name !== 'host' && name !== 'connection' && name !== 'transfer-encoding') headers.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
        }
        p.dispatch({ method: req.method ?? 'GET', path: req.url ?? '/', headers, body: req, headersTimeout: 2_000, ...extra }, handler);
        void done.then((o) => {
          onOutcome(o);
          res.end(o.error ? `error ${o.error.code}` : o.body);
        });
      }),
    );
  }

  /** An upstream that answers every request head with `answer(head, socket)` (closing when it says so). */
  async rawUpstream(answer: (head: string, socket: Socket) => void): Promise<RawUpstream> {
    const sockets: Socket[] = [];
    const server = createNetServer((socket) => {
      sockets.push(socket);
      let buf = '';
      socket.on('data', (d: Buffer) => {
        buf += d.toString('latin1');
        let end: number;
        while ((end = buf.indexOf('\r\n\r\n')) >= 0) {
          const head = buf.slice(0, end);
          buf = buf.slice(end + 4);
          answer(head, socket);
        }
      });
      socket.on('error', () => {});
    });
    return { port: await this.listen(server), connections: () => sockets.length, sockets };
  }
}

/** `HTTP/1.1 200` with a Content-Length body. */
export function okResponse(body: string, extraHeaders = ''): string {
  return `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extraHeaders}\r\n${body}`;
}

/** The request path of a raw request head. */
export function pathOf(head: string): string {
  return head.split(' ')[1] ?? '';
}

/** Sends a request to a front server; body parts leave 50 ms apart (an upstream may answer meanwhile). */
export function sendThrough(port: number, method: string, body: string | string[], headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', method, path: '/up', headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    const parts = Array.isArray(body) ? body : [body];
    const next = (i: number): void => {
      if (i === parts.length) return void req.end();
      req.write(parts[i]);
      setTimeout(() => next(i + 1), 50);
    };
    next(0);
  });
}

/** Writes `parts` to the socket `everyMs` apart, stopping when the socket goes away. */
export function trickle(s: Socket, parts: string[], everyMs: number): void {
  const next = (i: number): void => {
    if (i === parts.length || s.destroyed) return;
    s.write(parts[i]);
    setTimeout(() => next(i + 1), everyMs);
  };
  next(0);
}
