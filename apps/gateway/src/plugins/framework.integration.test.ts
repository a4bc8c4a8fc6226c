import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHandle } from '../gateway';
import { closedPort, listenOn, route, until, service, startUpstream, tempDir, upstream, writeSnapshotFile, type TestUpstream } from '../testing/fixtures';
import { startOfflineGateway } from '../testing/offline-gateway';
import { h2Request, h2Session } from '../testing/h2-client';
import { consumer, loggedResponses, plugin, TEST_PLUGINS } from '../testing/plugin-fixtures';
import { rawRequest } from '../testing/raw-http';
import { PLUGIN_DEFINITIONS } from './registry';

/**
 * The plugin framework through a real gateway socket and real upstreams, with the test plugins of
 * testing/plugin-fixtures.ts: scope precedence, the auth step and consumer headers, fail closed,
 * bodies (buffered, retried), response phases, WebSocket handshakes, routes without plugins.
 */

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
  body: string;
}

let gw: GatewayHandle;
let base: string;
let echo: TestUpstream;
let resetter: Server;
let resets = 0;
let wsUpstream: Server;

/** answers what it received (headers, body) as JSON */
function echoBack(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (body += c));
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
  });
}

async function call(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  const res = await request(`${base}${path}`, { method: method as 'GET', headers, body });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text };
}

async function seen(path: string, headers: Record<string, string> = {}): Promise<Seen> {
  const res = await call(path, headers);
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as Seen;
}

function codeOf(text: string): string {
  return (JSON.parse(text) as { error: { code: string } }).error.code;
}

beforeAll(async () => {
  echo = await startUpstream('echo', echoBack);
  // takes the request, then resets the connection without answering (a target dying mid-request)
  resetter = createHttpServer((req) => {
    resets++;
    req.socket.destroy();
  });
  const resetPort = await listenOn(resetter);
  wsUpstream = createHttpServer();
  wsUpstream.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    socket.end(`HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nx-seen-consumer: ${String(req.headers['x-consumer-id'])}\r\n\r\n`);
  });
  const wsPort = await listenOn(wsUpstream);
  const refused = await closedPort();
  const dataDir = await tempDir();
  const at = { host: '127.0.0.1', port: echo.port };
  await writeSnapshotFile(dataDir, 1, {
    services: [
      service('svc', at),
      service('svc-s', at),
      service('svc-retry', { upstreamId: 'up-retry', retries: 1 }),
      service('svc-down', { host: '127.0.0.1', port: refused }),
      service('svc-ws', { host: '127.0.0.1', port: wsPort }),
      service('svc-other', { ...at, tenant: 'other' }),
    ],
    upstreams: [upstream('up-retry', [{ port: resetPort }, { port: echo.port }])],
    routes: [
      route('r-global', 'svc', ['/global']),
      route('r-route', 'svc', ['/route']),
      route('r-service', 'svc-s', ['/service']),
      route('r-rs', 'svc-s', ['/rs']),
      route('r-disabled', 'svc-s', ['/disabled']),
      route('r-required', 'svc', ['/required']),
      route('r-async', 'svc', ['/async']),
      route('r-throw', 'svc', ['/throw']),
      route('r-throw-async', 'svc', ['/throw-async']),
      route('r-throw-header', 'svc', ['/throw-header']),
      route('r-create', 'svc', ['/create']),
      route('r-bad-config', 'svc', ['/bad-config']),
      route('r-unknown', 'svc', ['/unknown']),
      route('r-body', 'svc', ['/body']),
      route('r-body-retry', 'svc-retry', ['/body-retry']),
      route('r-body-limit', 'svc', ['/body-limit']),
      route('r-size-then-body', 'svc', ['/size-then-body']),
      route('r-query', 'svc', ['/query']),
      route('r-cached', 'svc', ['/cached'], { cache: { ttlSeconds: 60 } }),
      route('r-resp', 'svc', ['/resp']),
      route('r-resp-down', 'svc-down', ['/resp-down']),
      route('r-ws', 'svc-ws', ['/ws']),
      route('r-plain', 'svc-other', ['/plain'], { tenant: 'other' }),
    ],
    consumers: [consumer('c-alice', 'alice', { customId: 'A-1', groups: ['gold', 'beta'] }), consumer('c-anon', 'anon'), consumer('c-bob', 'bob')],
    plugins: [
      plugin('auth', 'test-auth', { anonymous: 'anon' }),
      plugin('t-global', 'test-tag', { tag: 'global' }),
      plugin('t-service', 'test-tag', { tag: 'service' }, { serviceId: 'svc-s' }),
      plugin('t-route', 'test-tag', { tag: 'route' }, { routeId: 'r-route' }),
      plugin('t-rs', 'test-tag', { tag: 'route+service' }, { routeId: 'r-rs', serviceId: 'svc-s' }),
      plugin('t-consumer', 'test-tag', { tag: 'consumer' }, { consumerId: 'c-alice' }),
      plugin('t-consumer-route', 'test-tag', { tag: 'consumer+route' }, { consumerId: 'c-alice', routeId: 'r-rs' }),
      plugin('t-disabled', 'test-tag', { tag: 'disabled' }, { routeId: 'r-disabled', enabled: false }),
      // more specific than the global auth: no anonymous fallback on these routes
      plugin('auth-required', 'test-auth', { anonymous: null }, { routeId: 'r-required' }),
      plugin('auth-async', 'test-auth', { anonymous: null, async: true }, { routeId: 'r-async' }),
      plugin('auth-ws', 'test-auth', { anonymous: null }, { routeId: 'r-ws' }),
      plugin('throw', 'test-throw', { phase: 'access' }, { routeId: 'r-throw' }),
      plugin('throw-async', 'test-throw', { phase: 'access-async' }, { routeId: 'r-throw-async' }),
      plugin('throw-header', 'test-throw', { phase: 'header' }, { routeId: 'r-throw-header' }),
      plugin('throw-create', 'test-throw', { phase: 'create' }, { routeId: 'r-create' }),
      plugin('bad-config', 'request-size-limit', { allowedPayloadSize: 'lots' }, { routeId: 'r-bad-config' }),
      plugin('unknown', 'no-such-plugin', {}, { routeId: 'r-unknown' }),
      plugin('body', 'test-body', {}, { routeId: 'r-body' }),
      plugin('body-retry', 'test-body', {}, { routeId: 'r-body-retry' }),
      plugin('body-limit', 'test-body', { limit: 10 }, { routeId: 'r-body-limit' }),
      plugin('size-limit', 'request-size-limit', { allowedPayloadSize: 8 }, { routeId: 'r-size-then-body' }),
      plugin('size-then-body', 'test-body', {}, { routeId: 'r-size-then-body' }),
      plugin('auth-cached', 'test-auth', { anonymous: null }, { routeId: 'r-cached' }),
      plugin('t-cached', 'test-tag', { tag: 'cached' }, { routeId: 'r-cached' }),
      plugin('t-query', 'test-tag', { tag: 'query', query: '?set=by-plugin' }, { routeId: 'r-query' }),
      plugin('resp', 'test-response', {}, { routeId: 'r-resp' }),
      plugin('resp-down', 'test-response', {}, { routeId: 'r-resp-down' }),
    ],
  });
  gw = await startOfflineGateway(dataDir, { plugins: [...PLUGIN_DEFINITIONS, ...TEST_PLUGINS], h2cPort: 0 });
  base = `http://127.0.0.1:${gw.proxyPort}`;
});

afterAll(async () => {
  await gw?.stop();
  await echo?.close();
  await Promise.all([resetter, wsUpstream].map((s) => s && new Promise((r) => s.close(r))));
});

describe('scopes: the most specific enabled instance of each plugin wins (Kong order)', () => {
  it.each([
    ['/global', 'global', 'consumer'],
    ['/route', 'route', 'consumer'],
    ['/service', 'service', 'consumer'],
    ['/rs', 'route+service', 'consumer+route'],
    ['/disabled', 'service', 'consumer'],
  ])('%s: anonymous -> %s, alice -> %s', async (path, anonymous, alice) => {
    expect((await seen(path)).headers['x-tag']).toBe(anonymous);
    expect((await seen(path, { 'x-test-user': 'alice' })).headers['x-tag']).toBe(alice);
  });

  it('adds the instance responseHeaders to the answer', async () => {
    const res = await call('/route');
    expect(res.headers['x-tagged']).toBe('route');
  });
});

describe('upstream edits', () => {
  it('replaces the upstream query with the one a plugin set', async () => {
    expect((await seen('/query?from=client')).url).toBe('/query?set=by-plugin');
  });
});

describe('auth step and consumer headers', () => {
  it('passes the consumer upstream and replaces what the client claimed', async () => {
    const s = await seen('/global', { 'x-test-user': 'alice', 'x-consumer-username': 'mallory', 'x-anonymous-consumer': 'true' });
    expect(s.headers['x-consumer-id']).toBe('c-alice');
    expect(s.headers['x-consumer-username']).toBe('alice');
    expect(s.headers['x-consumer-custom-id']).toBe('A-1');
    expect(s.headers['x-consumer-groups']).toBe('gold,beta');
    expect(s.headers['x-credential-identifier']).toBe('cred-alice');
    expect(s.headers['x-anonymous-consumer']).toBeUndefined();
  });

  it('falls back to the anonymous consumer when no credential is sent', async () => {
    const s = await seen('/global', { 'x-consumer-id': 'c-alice' });
    expect(s.headers['x-consumer-id']).toBe('c-anon');
    expect(s.headers['x-anonymous-consumer']).toBe('true');
    expect(s.headers['x-credential-identifier']).toBeUndefined();
  });

  it('refuses with 401 where no anonymous consumer is set, sync and async', async () => {
    for (const path of ['/required', '/async']) {
      const missing = await call(path);
      expect(missing.status).toBe(401);
      expect(codeOf(missing.text)).toBe('AYA_GW_UNAUTHORIZED');
      expect(missing.headers['www-authenticate']).toBe('Test');
      const wrong = await call(path, { 'x-test-user': 'nobody' });
      expect(wrong.status).toBe(401);
      expect((await seen(path, { 'x-test-user': 'alice' })).headers['x-consumer-id']).toBe('c-alice');
    }
  });

  it('never serves one consumer a response cached for another', async () => {
    const first = await seen('/cached', { 'x-test-user': 'alice' });
    expect(first.headers['x-consumer-id']).toBe('c-alice');
    expect((await seen('/cached', { 'x-test-user': 'bob' })).headers['x-consumer-id']).toBe('c-bob');
    // alice's own entry is a hit: the upstream is not asked again
    const hits = echo.hits;
    const hit = await call('/cached', { 'x-test-user': 'alice' });
    expect((JSON.parse(hit.text) as Seen).headers['x-consumer-id']).toBe('c-alice');
    expect(echo.hits).toBe(hits);
    // an answer from the cache gets the plugins' response headers like any other
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers['x-tagged']).toBe('consumer');
    expect((await call('/cached')).status).toBe(401);
  });

  it('strips client-sent consumer headers on a route without plugins too', async () => {
    const s = await seen('/plain', {
      'x-consumer-id': 'c-alice',
      'x-consumer-username': 'alice',
      'x-consumer-custom-id': 'A-1',
      'x-consumer-groups': 'admin',
      'x-credential-identifier': 'cred',
      'x-anonymous-consumer': 'false',
      'x-kept': 'yes',
    });
    for (const h of ['x-consumer-id', 'x-consumer-username', 'x-consumer-custom-id', 'x-consumer-groups', 'x-credential-identifier', 'x-anonymous-consumer']) {
      expect(s.headers[h]).toBeUndefined();
    }
    // everything else reaches the upstream as before: no plugin ran here
    expect(s.headers['x-kept']).toBe('yes');
    expect(s.headers['x-tag']).toBeUndefined();
  });
});

describe('fail closed', () => {
  it.each(['/throw', '/throw-async', '/throw-header', '/create', '/bad-config', '/unknown'])('%s answers 500 AYA_GW_PLUGIN_ERROR and the worker keeps serving', async (path) => {
    const res = await call(path);
    expect(res.status).toBe(500);
    expect(codeOf(res.text)).toBe('AYA_GW_PLUGIN_ERROR');
    expect((await seen('/global')).headers['x-tag']).toBe('global');
  });

  it('counts failures per plugin in /metrics', async () => {
    await call('/throw');
    const metrics = await (await request(`http://127.0.0.1:${gw.statusPort}/metrics`)).body.text();
    expect(metrics).toMatch(/aya_gateway_plugin_errors_total\{plugin="test-throw"\} [1-9]/);
  });

  it('runs the rest of the chain when the throwing plugin lets a request through', async () => {
    expect((await call('/throw', { 'x-no-throw': '1' })).status).toBe(200);
  });
});

describe('bodies', () => {
  it('forwards a body a plugin read and replaced, with its own Content-Length (declared or chunked)', async () => {
    const declared = await call('/body', {}, 'POST', 'hello');
    expect(JSON.parse(declared.text)).toMatchObject({ body: 'HELLO', headers: { 'content-length': '5' } });
    const chunked = await request(`${base}/body`, { method: 'POST', body: Readable.from([Buffer.from('chunk'), Buffer.from('ed')]) });
    const echoed = (await chunked.body.json()) as Seen;
    expect(echoed.body).toBe('CHUNKED');
    expect(echoed.headers['content-length']).toBe('7');
    expect(echoed.headers['transfer-encoding']).toBeUndefined();
  });

  it('refuses a body over the limit a plugin reads it with: 413, nothing upstream', async () => {
    const hits = echo.hits;
    const res = await call('/body-limit', {}, 'POST', 'x'.repeat(11));
    expect(res.status).toBe(413);
    expect(codeOf(res.text)).toBe('AYA_GW_BODY_TOO_LARGE');
    expect(echo.hits).toBe(hits);
    expect(JSON.parse((await call('/body-limit', {}, 'POST', 'x'.repeat(10))).text)).toMatchObject({ body: 'XXXXXXXXXX' });
  });

  it('reads a chunked body no further than request-size-limit allows', async () => {
    const res = await request(`${base}/size-then-body`, { method: 'POST', body: Readable.from([Buffer.from('12345'), Buffer.from('67890')]) });
    expect(res.statusCode).toBe(413);
    expect(((await res.body.json()) as { error: { code: string } }).error.code).toBe('AYA_GW_BODY_TOO_LARGE');
  });

  it('sends a buffered body again when an idempotent request is retried on another target', async () => {
    // round-robin: the first pick is the target that resets after taking the request
    const res = await call('/body-retry', {}, 'PUT', 'retried body');
    expect(resets).toBe(1);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ method: 'PUT', body: 'RETRIED BODY' });
  });
});

describe('response phases', () => {
  it('runs header and body phases on the upstream answer', async () => {
    const res = await call('/resp');
    expect(res.status).toBe(200);
    expect(res.headers['x-resp']).toBe('200');
    expect(res.text.endsWith('}!')).toBe(true);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
  });

  it('runs the log phase once the response is out, with its status', async () => {
    await call('/resp', { 'x-request-id': 'logged-1' });
    await call('/resp-down', { 'x-request-id': 'logged-2' });
    // the log phase runs when the server side of the response closes, which may trail the client's read
    await until(() => loggedResponses.filter(([id]) => id.startsWith('logged-')).length === 2, 'both log phases');
    expect(loggedResponses.filter(([id]) => id.startsWith('logged-'))).toEqual([
      ['logged-1', 200],
      ['logged-2', 502],
    ]);
  });

  it('runs the header phase on a gateway error', async () => {
    const res = await call('/resp-down');
    expect(res.status).toBe(502);
    expect(res.headers['x-resp']).toBe('502');
    expect(codeOf(res.text)).toBe('AYA_GW_UPSTREAM_UNAVAILABLE');
  });
});

describe('WebSocket handshakes run the chain', () => {
  const handshake = (extra: string) =>
    rawRequest(gw.proxyPort, `GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`);

  it('refuses an unauthenticated upgrade with 401 and passes an authenticated one with its consumer', async () => {
    const refused = await handshake('X-Consumer-Id: c-alice\r\n');
    expect(refused.status).toBe(401);
    expect(codeOf(refused.body)).toBe('AYA_GW_UNAUTHORIZED');
    const passed = await handshake('X-Test-User: alice\r\n');
    expect(passed.status).toBe(101);
    expect(passed.headers['x-seen-consumer']).toBe('c-alice');
  });
});

describe('HTTP/2 requests run the same chain', () => {
  it('authenticates, reads a body and answers replies over h2c', async () => {
    const session = await h2Session(`http://127.0.0.1:${gw.h2cPort}`);
    try {
      const refused = await h2Request(session, { ':method': 'GET', ':path': '/required', ':authority': 'x' });
      expect(refused.headers[':status']).toBe(401);
      expect(codeOf(refused.body.toString())).toBe('AYA_GW_UNAUTHORIZED');
      const passed = await h2Request(session, { ':method': 'GET', ':path': '/required', ':authority': 'x', 'x-test-user': 'alice', 'x-consumer-groups': 'admin' });
      expect(passed.headers[':status']).toBe(200);
      expect((JSON.parse(passed.body.toString()) as Seen).headers).toMatchObject({ 'x-consumer-id': 'c-alice', 'x-consumer-groups': 'gold,beta' });
      // no Content-Length: a body of unknown length, read whole by the plugin
      const body = await h2Request(session, { ':method': 'POST', ':path': '/body', ':authority': 'x' }, Buffer.from('over h2'));
      expect(JSON.parse(body.body.toString())).toMatchObject({ body: 'OVER H2', headers: { 'content-length': '7' } });
    } finally {
      session.close();
    }
  });
});
