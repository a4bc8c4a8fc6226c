import { connect, type Socket } from 'node:net';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** Test-only: HTTP/1.1 over a bare socket, for requests no well-behaved client library would send. */

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** the server closed the connection (rather than the helper giving up) */
  closed: boolean;
}

export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

/** Resolves when the peer closes the socket, or with false after `giveUpMs`. */
export function closedBy(socket: Socket, giveUpMs = 10_000): Promise<boolean> {
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, giveUpMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.on('error', () => {});
    // a paused socket never reads the FIN, so it would never close
    socket.resume();
  });
}

export function parseResponse(text: string, closed: boolean): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  const head = (end < 0 ? text : text.slice(0, end)).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = end < 0 ? '' : text.slice(end + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  return { status: Number(head[0]?.split(' ')[1] ?? 0), headers, body, closed };
}

function dechunk(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const eol = text.indexOf('\r\n', at);
    const size = eol < 0 ? 0 : parseInt(text.slice(at, eol), 16);
    if (!size) return out;
    out += text.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}

/** Sends `parts` (written one by one) and reads until the server closes the connection. */
export async function rawRequest(port: number, ...parts: (string | Buffer)[]): Promise<RawResponse> {
  const socket = await openSocket(port);
  let text = '';
  socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
  const closed = closedBy(socket);
  for (const p of parts) socket.write(p);
  const wasClosed = await closed;
  return parseResponse(text, wasClosed);
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  /** the body as received on the wire (not decompressed) */
  body: Buffer;
}

/** One request on a fresh connection (no agent), body collected raw. */
export function httpGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
