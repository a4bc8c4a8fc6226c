import type { ClientHttp2Session } from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayHandle } from '../gateway';
import { silentLogger } from '../log';
import { createTestCa, type TestCa } from '../testing/certs';
import { closedPort, route, service, tempDir, writeSnapshotFile } from '../testing/fixtures';
import { grpcFrame, grpcMessages, startGrpcUpstream, type GrpcUpstream } from '../testing/grpc-upstream';
import { plugin } from '../testing/plugin-fixtures';
import { h2Request, h2Session } from '../testing/h2-client';

let ca: TestCa;
let gw: GatewayHandle;
let h2c: GrpcUpstream;
let tlsUp: GrpcUpstream;
let session: ClientHttp2Session;

beforeAll(async () => {
  ca = createTestCa();
  h2c = await startGrpcUpstream();
  tlsUp = await startGrpcUpstream(ca.issue('grpc.test', ['127.0.0.1']));
  const dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 1, {
    services: [
      service('clear', { protocol: 'grpc', host: '127.0.0.1', port: h2c.port }),
      service('secure', { protocol: 'grpcs', host: '127.0.0.1', port: tlsUp.port, caCertificateId: 'ca', path: '/' }),
      service('down', { protocol: 'grpc', host: '127.0.0.1', port: await closedPort() }),
      service('slow', { protocol: 'grpc', host: '127.0.0.1', port: h2c.port, readTimeoutMs: 200 }),
    ],
    routes: [
      route('r-clear', 'clear', ['/echo.Echo']),
      route('r-secure', 'secure', ['/secure'], { stripPath: true }),
      route('r-down', 'down', ['/down.Down']),
      route('r-slow', 'slow', ['/slow.Slow']),
      route('r-limited', 'clear', ['/echo.Limited']),
      route('r-down-cors', 'down', ['/down.Cors']),
    ],
    plugins: [
      plugin('p-limit', 'rate-limit', { limits: [{ window: 'minute', limit: 1 }], by: 'route' }, { routeId: 'r-limited' }),
      plugin('p-cors', 'cors', { origins: ['https://app.example.com'] }, { routeId: 'r-limited' }),
      plugin('p-down-cors', 'cors', { origins: ['https://app.example.com'] }, { routeId: 'r-down-cors' }),
    ],
    upstreams: [],
    certificates: [{ id: 'ca', snis: [], cert: ca.cert }],
  });
  gw = await startGateway({
    proxyPort: 0,
    proxyHost: '127.0.0.1',
    statusPort: null,
    h2cPort: 0,
    controlPlaneUrl: `http://127.0.0.1:${await closedPort()}`,
    clusterToken: 't',
    dataDir,
    logger: silentLogger,
  });
  session = await h2Session(`http://127.0.0.1:${gw.h2cPort}`);
});

afterAll(async () => {
  session?.close();
  await gw?.stop();
  await h2c?.close();
  await tlsUp?.close();
  ca?.dispose();
});

const call = (path: string, message = 'hi') =>
  h2Request(session, { ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers' }, grpcFrame(message));

describe('gRPC proxying (HTTP/2 both sides)', () => {
  it('relays a unary call with its trailers (h2c upstream)', async () => {
    const res = await call('/echo.Echo/Unary', 'hello');
    expect(res.headers[':status']).toBe(200);
    expect(res.headers['content-type']).toBe('application/grpc');
    expect(grpcMessages(res.body)).toEqual(['HELLO']);
    expect(res.trailers).toMatchObject({ 'grpc-status': '0', 'grpc-message': 'done', 'x-upstream-trailer': 'yes' });
  });

  it('relays server streaming message by message, trailers last', async () => {
    const res = await call('/echo.Echo/Stream', 'm');
    expect(grpcMessages(res.body)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(res.trailers['grpc-status']).toBe('0');
  });

  it('relays a trailers-only error status', async () => {
    const res = await call('/echo.Echo/Fail');
    expect(res.headers[':status']).toBe(200);
    expect(res.headers['grpc-status'] ?? res.trailers['grpc-status']).toBe('5');
  });

  it('speaks grpcs (TLS + ALPN h2, verified against the service CA) upstream', async () => {
    const res = await call('/secure/echo.Echo/Unary', 'tls');
    expect(grpcMessages(res.body)).toEqual(['TLS']);
    expect(res.trailers['grpc-status']).toBe('0');
  });

  it('answers gateway errors as gRPC statuses', async () => {
    const down = await call('/down.Down/Call');
    expect(down.headers[':status']).toBe(200);
    expect(down.headers['grpc-status']).toBe('14');
    expect(down.headers['grpc-message']).toBeTruthy();
    expect(down.headers['x-request-id']).toBeTruthy();
    const missing = await call('/nowhere.Service/Call');
    expect(missing.headers['grpc-status']).toBe('12');
    const slow = await call('/slow.Slow/Hang');
    expect(slow.headers['grpc-status']).toBe('4');
  });

  it("answers a plugin's refusal as a gRPC status with the plugins' response fields (RateLimit, Retry-After, CORS)", async () => {
    const limited = () =>
      h2Request(session, { ':method': 'POST', ':path': '/echo.Limited/Unary', 'content-type': 'application/grpc', te: 'trailers', origin: 'https://app.example.com' }, grpcFrame('hi'));
    const ok = await limited();
    expect(ok.trailers['grpc-status']).toBe('0');
    expect(ok.headers['ratelimit']).toMatch(/^"minute";r=0;t=\d+$/);
    const refused = await limited();
    // trailers-only: the status and every field in one HEADERS frame that ends the stream
    expect(refused.headers[':status']).toBe(200);
    expect(refused.headers['grpc-status']).toBe('8');
    expect(refused.headers['content-type']).toBe('application/grpc');
    expect(refused.headers['ratelimit-policy']).toBe('"minute";q=1;w=60');
    expect(refused.headers['ratelimit']).toBe(`"minute";r=0;t=${refused.headers['retry-after']}`);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(refused.body.length).toBe(0);
  });

  it("answers a gateway error on a plugin route as a gRPC status with the plugins' response fields", async () => {
    const down = await h2Request(session, { ':method': 'POST', ':path': '/down.Cors/Call', 'content-type': 'application/grpc', te: 'trailers', origin: 'https://app.example.com' }, grpcFrame('hi'));
    expect(down.headers['grpc-status']).toBe('14');
    expect(down.headers['access-control-allow-origin']).toBe('https://app.example.com');
  });

  it("ends a call at the client's grpc-timeout deadline with DEADLINE_EXCEEDED", async () => {
    // the service waits 60 s for an answer; the client gives it 150 ms
    const res = await h2Request(
      session,
      { ':method': 'POST', ':path': '/echo.Echo/Hang', 'content-type': 'application/grpc', te: 'trailers', 'grpc-timeout': '150m' },
      grpcFrame('hi'),
    );
    expect(res.headers['grpc-status']).toBe('4');
  });
});
