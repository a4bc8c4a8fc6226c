import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** Test-only minimal WebSocket (RFC 6455): text frames under 126 bytes, enough to prove a tunnel. */

export function acceptKey(key: string): string {
  return createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC11B65`).digest('base64');
}

export function textFrame(text: string, masked: boolean): Buffer {
  const payload = Buffer.from(text);
  if (!masked) return Buffer.concat([Buffer.from([0x81, payload.length]), payload]);
  const mask = randomBytes(4);
  const out = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) out[i] = payload[i] ^ mask[i % 4];
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, out]);
}

/** Splits complete frames off `buf`; returns their texts and the unconsumed rest. */
export function readFrames(buf: Buffer): { texts: string[]; rest: Buffer } {
  const texts: string[] = [];
  let at = 0;
  while (buf.length - at >= 2) {
    const len = buf[at + 1] & 0x7f;
    const masked = (buf[at + 1] & 0x80) !== 0;
    const start = at + 2 + (masked ? 4 : 0);
    if (buf.length < start + len) break;
    const data = Buffer.from(buf.subarray(start, start + len));
    if (masked) for (let i = 0; i < len; i++) data[i] ^= buf[at + 2 + (i % 4)];
    texts.push(data.toString());
    at = start + len;
  }
  return { texts, rest: buf.subarray(at) };
}

/** An upstream 'upgrade' listener that echoes every text frame as `echo: <text>`. */
export function echoWebSocket(req: IncomingMessage, socket: Socket): void {
  const key = String(req.headers['sec-websocket-key']);
  const gatewayHeader = req.headers['x-from-gateway'] === undefined ? '' : `X-Seen-From-Gateway: ${String(req.headers['x-from-gateway'])}\r\n`;
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\nX-Seen-Path: ${req.url}\r\nX-Seen-Port: ${socket.localPort ?? 0}\r\n${gatewayHeader}\r\n`,
  );
  let buf: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    const { texts, rest } = readFrames(Buffer.concat([buf, chunk]));
    buf = rest;
    for (const t of texts) socket.write(textFrame(`echo: ${t}`, false));
  });
  socket.on('error', () => socket.destroy());
  // http server sockets are half-open: without this a closed tunnel keeps the upstream server open
  socket.on('end', () => socket.end());
}
