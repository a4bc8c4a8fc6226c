import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHandle } from '../gateway';
import { closedPort, route, service, startUpstream, tempDir, upstream, writeSnapshotFile, type TestUpstream } from '../testing/fixtures';
import { startOfflineGateway } from '../testing/offline-gateway';
import { closedBy, openSocket, parseResponse, rawRequest } from '../testing/raw-http';
import { acceptKey, echoWebSocket, readFrames, textFrame } from '../testing/ws-frames';

let gw: GatewayHandle;
let ws: TestUpstream;
let ws2: TestUpstream;
let sse: TestUpstream;
let sendSecond: () => void = () => {};

/** Opens a WebSocket through the gateway; resolves with the handshake answer and a frame reader. */
async function openWs(port: number, path: string, extraHeaders = ''): Promise<{ socket: Socket; head: string; next(): Promise<string> }> {
  const socket = await openSocket(port);
  const key = randomBytes(16).toString('base64');
  socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n${extraHeaders}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  let buf: Buffer = Buffer.alloc(0);
  const texts: string[] = [];
  let wake: () => void = () => {};
  let head = '';
  const headDone = new Promise<void>((resolve, reject) => {
    socket.once('close', () => reject(new Error(`closed: ${buf.toString()}`)));
    socket.on('data', (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      if (!head) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        head = buf.subarray(0, end).toString();
        buf = buf.subarray(end + 4);
        expect(head).toContain(acceptKey(key));
        resolve();
      }
      const r = readFrames(buf);
      buf = r.rest;
      texts.push(...r.texts);
      wake();
    });
  });
  await headDone;
  const next = async (): Promise<string> => {
    while (texts.length === 0) await new Promise<void>((r) => (wake = r));
    return texts.shift() as string;
  };
  return { socket, head, next };
}

beforeAll(async () => {
  ws = await startUpstream('ws');
  ws.server.on('upgrade', echoWebSocket);
  ws2 = await startUpstream('ws2');
  ws2.server.on('upgrade', echoWebSocket);
  sse = await startUpstream('sse', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write('data: one\n\n');
    // the second event goes out only once the client proved it already has the first
    sendSecond = () => res.end('data: two\n\n');
  });
  const dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 1, {
    services: [
      service('ws', { host: '127.0.0.1', port: ws.port, path: '/base' }),
      service('down', { host: '127.0.0.1', port: await closedPort() }),
      service('sse', { host: '127.0.0.1', port: sse.port }),
      service('ws2', { upstreamId: 'ws2-pool' }),
    ],
    routes: [
      route('r-ws', 'ws', ['/ws'], { stripPath: true }),
      route('r-down', 'down', ['/down']),
      route('r-sse', 'sse', ['/events']),
      // a canary by header, with a request header added: both apply to the handshake
      route('r-canary', 'ws', ['/canary'], {
        split: { services: [{ serviceId: 'ws', weight: 1 }], match: [{ header: 'x-canary', value: '1', serviceId: 'ws2' }] },
        requestHeaders: { set: { 'x-from-gateway': 'aya' } },
      }),
    ],
    upstreams: [{ ...upstream('ws2-pool', [{ port: ws2.port }]), healthChecks: { active: null, passive: { unhealthyThreshold: 1, unhealthyStatuses: [503], cooldownMs: 60_000 } } }],
  });
  gw = await startOfflineGateway(dataDir, {
    drainTimeoutMs: 300,
  });
});

afterAll(async () => {
  await gw?.stop();
  await Promise.all([ws?.close(), ws2?.close(), sse?.close()]);
});

describe('WebSocket proxying', () => {
  it('echoes text frames through the gateway, on the routed upstream path', async () => {
    const c = await openWs(gw.proxyPort, '/ws/chat?room=1');
    expect(c.head).toMatch(/^HTTP\/1\.1 101/);
    expect(c.head).toContain('X-Seen-Path: /base/chat?room=1');
    c.socket.write(textFrame('hello', true));
    expect(await c.next()).toBe('echo: hello');
    c.socket.write(textFrame('again', true));
    expect(await c.next()).toBe('echo: again');
    c.socket.destroy();
  });

  it('answers coded HTTP errors before the upgrade: 404 unrouted, 502 upstream down', async () => {
    const upgrade = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n\r\n';
    const miss = await rawRequest(gw.proxyPort, `GET /nowhere HTTP/1.1\r\nHost: x\r\n${upgrade}`);
    expect(miss.status).toBe(404);
    expect(JSON.parse(miss.body)).toMatchObject({ error: { code: 'AYA_GW_ROUTE_NOT_FOUND' } });
    const down = await rawRequest(gw.proxyPort, `GET /down HTTP/1.1\r\nHost: x\r\n${upgrade}`);
    expect(down.status).toBe(502);
    expect(JSON.parse(down.body)).toMatchObject({ error: { code: 'AYA_GW_UPSTREAM_UNAVAILABLE' } });
    const foreign = await rawRequest(gw.proxyPort, `GET http://evil.example/ws HTTP/1.1\r\nHost: x\r\n${upgrade}`);
    expect(foreign.status).toBe(400);
  });

  it("applies the route's split and request header transforms to the handshake", async () => {
    const plain = await openWs(gw.proxyPort, '/canary');
    expect(plain.head).toContain(`X-Seen-Port: ${ws.port}`);
    expect(plain.head).toContain('X-Seen-From-Gateway: aya');
    plain.socket.destroy();
    const canary = await openWs(gw.proxyPort, '/canary', 'X-Canary: 1\r\n');
    expect(canary.head).toContain(`X-Seen-Port: ${ws2.port}`);
    canary.socket.write(textFrame('hi', true));
    expect(await canary.next()).toBe('echo: hi');
    canary.socket.destroy();
  });

  it("a refused handshake counts against the target's health like a failed request", async () => {
    const upgrade = 'X-Canary: 1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n\r\n';
    ws2.server.removeAllListeners('upgrade');
    ws2.server.on('upgrade', (_req: unknown, socket: Socket) => socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n'));
    try {
      expect((await rawRequest(gw.proxyPort, `GET /canary HTTP/1.1\r\nHost: x\r\n${upgrade}`)).status).toBe(503);
      // passive threshold 1: the only target of the pool is now skipped
      const next = await rawRequest(gw.proxyPort, `GET /canary HTTP/1.1\r\nHost: x\r\n${upgrade}`);
      expect(next.status).toBe(503);
      expect(JSON.parse(next.body)).toMatchObject({ error: { code: 'AYA_GW_NO_HEALTHY_UPSTREAM' } });
    } finally {
      ws2.server.removeAllListeners('upgrade');
      ws2.server.on('upgrade', echoWebSocket);
    }
  });

  it('serves other Upgrade tokens (h2c) as plain HTTP/1.1', async () => {
    const res = await rawRequest(gw.proxyPort, 'GET /ws/plain HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ name: 'ws', url: '/base/plain' });
    expect(res.closed).toBe(true);
  });
});

describe('streaming', () => {
  it('delivers the first SSE event before the upstream sends the second', async () => {
    const socket = await openSocket(gw.proxyPort);
    let text = '';
    const closed = closedBy(socket);
    const first = new Promise<void>((resolve) =>
      socket.on('data', (c: Buffer) => {
        text += c.toString();
        if (text.includes('data: one')) resolve();
      }),
    );
    socket.write('GET /events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await first;
    expect(text).not.toContain('data: two');
    sendSecond();
    expect(await closed).toBe(true);
    const res = parseResponse(text, true);
    expect(res.headers['content-type']).toBe('text/event-stream');
    expect(res.body).toBe('data: one\n\ndata: two\n\n');
  });
});

describe('drain', () => {
  it('stop() ends open WebSocket tunnels after the drain deadline', async () => {
    const c = await openWs(gw.proxyPort, '/ws/long');
    const closed = closedBy(c.socket);
    c.socket.write(textFrame('still here', true));
    expect(await c.next()).toBe('echo: still here');
    await gw.stop();
    expect(await closed).toBe(true);
  });
});
