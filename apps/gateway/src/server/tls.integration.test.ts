import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSnapshotFile } from '../config/snapshot-file';
import { DEFAULT_LIMITS } from '../proxy/limits';
import { startGateway, type GatewayHandle } from '../gateway';
import type { Logger } from '../log';
import { createTestCa, hasOpenssl, type TestCa } from '../testing/certs';
import { closedPort, configText, route, service, startUpstream, tempDir, writeSnapshotFile, type TestUpstream } from '../testing/fixtures';
import { h2Request, h2Session, httpsGet } from '../testing/h2-client';

interface Echo {
  url: string;
  headers: Record<string, string>;
}

let ca: TestCa;
let gw: GatewayHandle;
let up: TestUpstream;
const logged: string[] = [];
const logger: Logger = {
  info: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`),
  warn: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`),
  error: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`),
};

beforeAll(async () => {
  if (!hasOpenssl()) throw new Error('these tests need the openssl CLI');
  ca = createTestCa();
  const exact = ca.issue('api.test', ['api.test']);
  const wild = ca.issue('wild', ['*.wild.test']);
  up = await startUpstream('up');
  const dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 3, {
    services: [service('svc', { host: '127.0.0.1', port: up.port })],
    routes: [route('r', 'svc', ['/api'])],
    upstreams: [],
    certificates: [
      { id: 'c-exact', snis: ['api.test'], ...exact },
      { id: 'c-wild', snis: ['*.wild.test'], ...wild },
      // unusable: skipped with a warning that must not carry the key
      { id: 'c-bad', snis: ['bad.test'], cert: exact.cert, key: `${wild.key}garbage` },
    ],
  });
  gw = await startGateway({
    proxyPort: 0,
    proxyHost: '127.0.0.1',
    statusPort: null,
    tlsPort: 0,
    h2cPort: 0,
    controlPlaneUrl: `http://127.0.0.1:${await closedPort()}`,
    clusterToken: 't',
    dataDir,
    logger,
    // short, so the idle HTTP/2 session test does not wait long
    limits: { ...DEFAULT_LIMITS, keepAliveTimeoutMs: 400 },
  });
});

afterAll(async () => {
  await gw?.stop();
  await up?.close();
  ca?.dispose();
});

describe('HTTPS listener with SNI certificates from config', () => {
  it('serves the exact-name certificate over HTTP/1.1 and proxies with X-Forwarded-Proto https', async () => {
    const res = await httpsGet(gw.tlsPort, 'api.test', '/api/x', ca.cert);
    expect(res.status).toBe(200);
    expect(res.alpn).toBe('http/1.1');
    expect(res.peer.subject.CN).toBe('api.test');
    const echo = JSON.parse(res.body) as Echo;
    expect(echo.url).toBe('/api/x');
    expect(echo.headers['x-forwarded-proto']).toBe('https');
    expect(echo.headers['x-forwarded-port']).toBe(String(gw.tlsPort));
  });

  it('serves the wildcard certificate for one label below it', async () => {
    const res = await httpsGet(gw.tlsPort, 'a.wild.test', '/api', ca.cert);
    expect(res.status).toBe(200);
    expect(res.peer.subject.CN).toBe('wild');
  });

  it.each(['unknown.test', 'a.b.wild.test', 'bad.test'])('refuses the handshake for %s (no default certificate)', async (name) => {
    await expect(httpsGet(gw.tlsPort, name, '/api', ca.cert)).rejects.toThrow();
  });

  it('refuses a handshake without SNI', async () => {
    const err = await new Promise<Error>((resolve) => {
      const s = tlsConnect({ host: '127.0.0.1', port: gw.tlsPort, ca: ca.cert, checkServerIdentity: () => undefined });
      s.once('secureConnect', () => resolve(new Error('connected')));
      s.once('error', resolve);
    });
    expect(err.message).not.toBe('connected');
  });

  it('never logs a private key', () => {
    const text = logged.join('\n');
    expect(text).toContain('c-bad');
    expect(text).not.toContain('PRIVATE KEY');
  });
});

describe('HTTP/2', () => {
  it('speaks h2 over TLS (ALPN) on the same port, :authority routes like Host', async () => {
    const session = await h2Session(`https://127.0.0.1:${gw.tlsPort}`, { ca: ca.cert, servername: 'api.test' });
    try {
      expect((session.socket as unknown as { alpnProtocol: string }).alpnProtocol).toBe('h2');
      const res = await h2Request(session, { ':path': '/api/h2?q=1', ':authority': 'api.test', cookie: 'a=1', 'x-test': 'yes' });
      expect(res.headers[':status']).toBe(200);
      expect(res.headers['x-request-id']).toBeTruthy();
      expect(res.headers.connection).toBeUndefined();
      const echo = JSON.parse(res.body.toString()) as Echo;
      expect(echo.url).toBe('/api/h2?q=1');
      expect(echo.headers['x-forwarded-host']).toBe('api.test');
      expect(echo.headers['x-test']).toBe('yes');
      expect(echo.headers.cookie).toBe('a=1');
      // two requests on one session: multiplexed streams
      const [a, b] = await Promise.all([1, 2].map((i) => h2Request(session, { ':path': `/api/${i}`, ':authority': 'api.test' })));
      expect([a.headers[':status'], b.headers[':status']]).toEqual([200, 200]);
      const missing = await h2Request(session, { ':path': '/nope', ':authority': 'api.test' });
      expect(missing.headers[':status']).toBe(404);
      expect(JSON.parse(missing.body.toString())).toMatchObject({ error: { code: 'AYA_GW_ROUTE_NOT_FOUND' } });
    } finally {
      session.close();
    }
  });

  it('speaks h2c (prior knowledge) on AYA_PROXY_H2C_PORT', async () => {
    const session = await h2Session(`http://127.0.0.1:${gw.h2cPort}`);
    try {
      const res = await h2Request(session, { ':path': '/api/c', ':method': 'POST', 'content-type': 'text/plain' }, Buffer.from('hello'));
      expect(res.headers[':status']).toBe(200);
      const echo = JSON.parse(res.body.toString()) as Echo & { bytes: number; method: string };
      expect(echo).toMatchObject({ url: '/api/c', method: 'POST', bytes: 5 });
      expect(echo.headers['x-forwarded-proto']).toBe('http');
    } finally {
      session.close();
    }
  });
});

describe('idle HTTP/2 sessions', () => {
  it('get GOAWAY after the keep-alive time without frames', async () => {
    const session = await h2Session(`http://127.0.0.1:${gw.h2cPort}`);
    const res = await h2Request(session, { ':path': '/api/idle', ':method': 'GET' });
    expect(res.headers[':status']).toBe(200);
    const goaway = new Promise<number>((resolve) => session.once('goaway', (code: number) => resolve(code)));
    const closed = new Promise<void>((resolve) => session.once('close', () => resolve()));
    expect(await goaway).toBe(0); // NO_ERROR: a graceful close
    await closed;
  });
});

describe('last-known-good snapshot on disk', () => {
  it('is written with mode 0600 (it holds private keys)', async () => {
    const dir = await tempDir();
    await saveSnapshotFile(dir, configText(1, { services: [], routes: [], upstreams: [] }));
    expect((await stat(join(dir, 'snapshot.json'))).mode & 0o777).toBe(0o600);
  });
});
