import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHandle } from '../gateway';
import { route, service, startUpstream, tempDir, writeSnapshotFile, type TestUpstream } from '../testing/fixtures';
import { startOfflineGateway } from '../testing/offline-gateway';
import { closedBy, openSocket, parseResponse, rawRequest, type RawResponse } from '../testing/raw-http';

let gw: GatewayHandle;
let up: TestUpstream;
let hop: TestUpstream;
let split: TestUpstream;
let splitSeen: () => void = () => {};
let splitEnded: (how: string) => void = () => {};
let port: number;
const MAX_BODY = 1024;

function expectRefused(res: RawResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers.connection).toBe('close');
  expect(res.headers['content-type']).toContain('application/json');
  expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe(code);
  expect(res.closed).toBe(true);
}

beforeAll(async () => {
  up = await startUpstream('up');
  hop = await startUpstream('hop', (req, res) => {
    req.resume();
    res.writeHead(200, { connection: 'keep-alive, x-secret', 'x-secret': '1', 'keep-alive': 'timeout=5', 'proxy-authenticate': 'Basic', 'x-kept': 'yes' });
    res.end('ok');
  });
  split = await startUpstream('split', (req, res) => {
    splitSeen();
    req.on('data', () => {});
    req.on('end', () => splitEnded('complete'));
    req.on('error', () => splitEnded('cut'));
    req.on('aborted', () => splitEnded('cut'));
    res.on('close', () => splitEnded('cut'));
  });
  const dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 1, {
    services: [service('s', { host: '127.0.0.1', port: up.port }), service('h', { host: '127.0.0.1', port: hop.port }), service('sp', { host: '127.0.0.1', port: split.port })],
    routes: [route('r', 's', ['/']), route('r-host', 's', ['/'], { hosts: ['api.test'] }), route('r-hop', 'h', ['/hop']), route('r-split', 'sp', ['/split'])],
    upstreams: [],
  });
  gw = await startOfflineGateway(dataDir, {
    limits: { maxBodyBytes: MAX_BODY, maxHeaderBytes: 2048, maxHeaderCount: 20, headersTimeoutMs: 300, requestTimeoutMs: 5_000, keepAliveTimeoutMs: 300 },
  });
  port = gw.proxyPort;
  // a warm upstream connection: a smuggled request must not slip out on it either
  const warm = await rawRequest(port, 'GET /warm HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  expect(warm.status).toBe(200);
});

afterAll(async () => {
  await gw?.stop();
  await Promise.all([up?.close(), hop?.close(), split?.close()]);
});

const H = 'Host: x\r\n';
const SMUGGLING: Record<string, string> = {
  'CL + TE': `POST / HTTP/1.1\r\n${H}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n${H}\r\n`,
  'duplicate CL': `POST / HTTP/1.1\r\n${H}Content-Length: 4\r\nContent-Length: 40\r\n\r\nabcd`,
  'CL list': `POST / HTTP/1.1\r\n${H}Content-Length: 4, 4\r\n\r\nabcd`,
  'negative CL': `POST / HTTP/1.1\r\n${H}Content-Length: -1\r\n\r\n`,
  'bad chunk size': `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`,
  'chunk overflowing its size': `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n`,
  'bare LF chunking': `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\nabc\n0\n\n`,
  'TE not ending in chunked': `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked, gzip\r\n\r\nabcd`,
  'TE identity': `POST / HTTP/1.1\r\n${H}Transfer-Encoding: identity\r\n\r\nabcd`,
  'TE twice': `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  'space before colon': `POST / HTTP/1.1\r\n${H}Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n`,
  'obs-fold': `GET / HTTP/1.1\r\n${H}X-A: a\r\n b\r\n\r\n`,
  'obs-fold TE': `POST / HTTP/1.1\r\n${H}Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n`,
  'HTTP/1.0 with TE': `POST / HTTP/1.0\r\n${H}Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  'two Host headers': 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n',
  'HTTP/1.1 without Host': 'GET / HTTP/1.1\r\n\r\n',
  'Host with a path': 'GET / HTTP/1.1\r\nHost: a/b\r\n\r\n',
  'NUL in a header': `GET / HTTP/1.1\r\n${H}X-A: a\0b\r\n\r\n`,
  CONNECT: 'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n',
  'asterisk form': `OPTIONS * HTTP/1.1\r\n${H}\r\n`,
};

describe('request smuggling and malformed requests', () => {
  for (const [name, bytes] of Object.entries(SMUGGLING)) {
    it(`${name}: JSON 400, connection closed, upstream untouched`, async () => {
      const before = up.hits;
      expectRefused(await rawRequest(port, bytes), 400, 'AYA_GW_BAD_REQUEST');
      expect(up.hits).toBe(before);
    });
  }

  it('a bad chunk after the body started streaming: 400 to the client, the upstream request is cut, never completed', async () => {
    const seen = new Promise<void>((r) => (splitSeen = r));
    const ended = new Promise<string>((r) => (splitEnded = r));
    const socket = await openSocket(port);
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
    const closed = closedBy(socket);
    socket.write(`POST /split HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n`);
    await seen;
    socket.write('zz\r\nGET /smuggled HTTP/1.1\r\n\r\n');
    const wasClosed = await closed;
    expectRefused(parseResponse(text, wasClosed), 400, 'AYA_GW_BAD_REQUEST');
    expect(await ended).toBe('cut');
  });

  it('refuses absolute-form targets for another host (no open proxy), routes ones naming the Host', async () => {
    const before = up.hits;
    expectRefused(await rawRequest(port, `GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`), 400, 'AYA_GW_BAD_REQUEST');
    expectRefused(await rawRequest(port, 'GET http://evil.example/ HTTP/1.1\r\nHost: api.test\r\n\r\n'), 400, 'AYA_GW_BAD_REQUEST');
    expectRefused(await rawRequest(port, 'GET http://u@api.test/ HTTP/1.1\r\nHost: api.test\r\n\r\n'), 400, 'AYA_GW_BAD_REQUEST');
    expect(up.hits).toBe(before);
    const ok = await rawRequest(port, 'GET http://API.test/p?q=1 HTTP/1.1\r\nHost: api.test\r\nConnection: close\r\n\r\n');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ url: '/p?q=1', headers: { 'x-forwarded-host': 'api.test' } });
  });
});

describe('size limits', () => {
  it('431 for a header block over the byte limit or too many headers', async () => {
    expectRefused(await rawRequest(port, `GET / HTTP/1.1\r\n${H}X-Big: ${'a'.repeat(3000)}\r\n\r\n`), 431, 'AYA_GW_HEADERS_TOO_LARGE');
    let many = '';
    for (let i = 0; i < 25; i++) many += `X-H${i}: v\r\n`;
    const before = up.hits;
    expectRefused(await rawRequest(port, `GET / HTTP/1.1\r\n${H}${many}\r\n`), 431, 'AYA_GW_HEADERS_TOO_LARGE');
    expect(up.hits).toBe(before);
  });

  it('413 up front for a declared Content-Length over the limit; the upstream never sees it', async () => {
    const before = up.hits;
    expectRefused(await rawRequest(port, `POST / HTTP/1.1\r\n${H}Content-Length: ${MAX_BODY + 1}\r\n\r\n`), 413, 'AYA_GW_BODY_TOO_LARGE');
    expect(up.hits).toBe(before);
  });

  it('413 for a chunked body that grows past the limit while streaming', async () => {
    const chunk = `258\r\n${'b'.repeat(600)}\r\n`;
    const res = await rawRequest(port, `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n${chunk}`, chunk);
    expectRefused(res, 413, 'AYA_GW_BODY_TOO_LARGE');
  });

  it('streams a chunked body under the limit', async () => {
    const res = await rawRequest(port, `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n258\r\n${'b'.repeat(600)}\r\n0\r\n\r\n`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ bytes: 600 });
  });
});

describe('slow and idle clients', () => {
  it('cuts a slowloris that never finishes its headers, with 408', async () => {
    const socket = await openSocket(port);
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
    const closed = closedBy(socket);
    socket.write(`GET / HTTP/1.1\r\n${H}`);
    const drip = setInterval(() => socket.writable && socket.write('X-Drip: 1\r\n'), 50);
    expect(await closed).toBe(true);
    clearInterval(drip);
    const res = parseResponse(text, true);
    expect(res.status).toBe(408);
    expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe('AYA_GW_REQUEST_TIMEOUT');
  });

  it('closes an idle keep-alive connection', async () => {
    const socket = await openSocket(port);
    const closed = closedBy(socket);
    socket.write(`GET / HTTP/1.1\r\n${H}\r\n`);
    expect(await closed).toBe(true);
  });
});

describe('hop-by-hop headers', () => {
  it('strips them from responses too, including those the upstream names in Connection', async () => {
    const res = await rawRequest(port, `GET /hop HTTP/1.1\r\n${H}Connection: close\r\n\r\n`);
    expect(res.status).toBe(200);
    expect(res.headers['x-kept']).toBe('yes');
    expect(res.headers['x-secret']).toBeUndefined();
    expect(res.headers['keep-alive']).toBeUndefined();
    expect(res.headers['proxy-authenticate']).toBeUndefined();
  });
});
