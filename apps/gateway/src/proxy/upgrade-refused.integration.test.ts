import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHandle } from '../gateway';
import { route, service, tempDir, writeSnapshotFile } from '../testing/fixtures';
import { startOfflineGateway } from '../testing/offline-gateway';
import { closedBy, openSocket } from '../testing/raw-http';

/**
 * An upstream that refuses a WebSocket handshake with an ordinary response. It answers in its own
 * framing (HTTP/1.0 status line, chunked body, keep-alive) and keeps its connection open, as a
 * plain HTTP server would: the gateway must still hand the client a proper HTTP/1.1 response and close.
 */
const REFUSALS: Record<string, string> = {
  '/chunked':
    'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nX-App: refusal\r\n\r\n' +
    '5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n',
  '/http10': 'HTTP/1.0 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nno way',
};

let gw: GatewayHandle;
let upstream: Server;

beforeAll(async () => {
  upstream = createServer((socket: Socket) => {
    let head = '';
    socket.on('data', (c: Buffer) => {
      head += c.toString('latin1');
      const path = /^GET (\S+)/.exec(head)?.[1];
      // answer once the whole handshake is in; never close: the gateway decides when the client is done
      if (path && head.includes('\r\n\r\n')) socket.write(REFUSALS[path.replace(/^\/ws/, '')] ?? REFUSALS['/chunked']);
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const port = (upstream.address() as { port: number }).port;
  const dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 1, {
    services: [service('ws', { host: '127.0.0.1', port })],
    routes: [route('r-ws', 'ws', ['/ws'])],
    upstreams: [],
  });
  gw = await startOfflineGateway(dataDir);
});

afterAll(async () => {
  await gw?.stop();
  await new Promise((resolve) => upstream?.close(resolve));
});

/** Sends a WebSocket handshake; resolves with every byte the gateway sent and whether it closed the connection. */
async function handshake(path: string): Promise<{ bytes: string; closed: boolean }> {
  const socket = await openSocket(gw.proxyPort);
  let bytes = '';
  socket.on('data', (c: Buffer) => (bytes += c.toString('latin1')));
  const closed = closedBy(socket, 5_000);
  socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nX-Request-Id: refused-1\r\n\r\n`);
  const wasClosed = await closed;
  return { bytes, closed: wasClosed };
}

function split(bytes: string): { statusLine: string; headers: Map<string, string[]>; body: string } {
  const end = bytes.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = bytes.slice(0, end).split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return { statusLine, headers, body: bytes.slice(end + 4) };
}

describe('a WebSocket handshake the upstream refuses with an ordinary response', () => {
  it('chunked 200: relayed as HTTP/1.1 with correct framing and Connection: close, then the connection closes', async () => {
    const { bytes, closed } = await handshake('/ws/chunked');
    expect(closed).toBe(true);
    const { statusLine, headers, body } = split(bytes);
    expect(statusLine).toBe('HTTP/1.1 200 OK');
    expect(headers.get('connection')).toEqual(['close']);
    expect(headers.get('x-app')).toEqual(['refusal']);
    expect(headers.get('x-request-id')).toEqual(['refused-1']);
    // the upstream's own hop-by-hop headers stay on its hop
    expect(headers.has('keep-alive')).toBe(false);
    expect(headers.has('upgrade')).toBe(false);
    // exactly one framing, and the body is exactly what it says
    if (headers.has('content-length')) {
      expect(headers.has('transfer-encoding')).toBe(false);
      expect(body).toBe('hello, world');
    } else {
      expect(headers.get('transfer-encoding')).toEqual(['chunked']);
      expect(dechunk(body)).toBe('hello, world');
    }
  });

  it('an HTTP/1.0 403: the client gets an HTTP/1.1 status line, the body, and a closed connection', async () => {
    const { bytes, closed } = await handshake('/ws/http10');
    expect(closed).toBe(true);
    const { statusLine, headers, body } = split(bytes);
    expect(statusLine).toBe('HTTP/1.1 403 Forbidden');
    expect(headers.get('connection')).toEqual(['close']);
    expect(headers.get('content-length')).toEqual(['6']);
    expect(body).toBe('no way');
  });
});

/** Strict chunked decoding: every size line, every CRLF, and a final zero chunk, or it throws. */
function dechunk(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const eol = text.indexOf('\r\n', at);
    if (eol < 0) throw new Error(`no chunk size line at ${at}`);
    const size = Number.parseInt(text.slice(at, eol), 16);
    if (!Number.isInteger(size)) throw new Error(`bad chunk size ${text.slice(at, eol)}`);
    if (size === 0) {
      if (text.slice(eol, eol + 4) !== '\r\n\r\n' || eol + 4 !== text.length) throw new Error('bad last chunk');
      return out;
    }
    out += text.slice(eol + 2, eol + 2 + size);
    if (text.slice(eol + 2 + size, eol + 4 + size) !== '\r\n') throw new Error('chunk not followed by CRLF');
    at = eol + 4 + size;
  }
}
