import { createSecureServer, type Http2SecureServer } from 'node:http2';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotService } from '@aya/config-schema';
import { startGateway, type GatewayHandle } from '../gateway';
import { silentLogger } from '../log';
import { createTestCa, type TestCa } from '../testing/certs';
import { closedPort, route, service, tempDir, writeSnapshotFile } from '../testing/fixtures';

interface Seen {
  servername: string | false;
  client: string | null;
}

let ca: TestCa;
let otherCa: TestCa;
let gw: GatewayHandle;
let upstream: Server;
/** offers h2 and http/1.1 by ALPN, answers the HTTP version it was spoken to with */
let h2Capable: Http2SecureServer;

beforeAll(async () => {
  ca = createTestCa('Upstream CA');
  otherCa = createTestCa('Other CA');
  const leaf = ca.issue('up.test', ['up.test', '127.0.0.1']);
  const client = ca.issue('gw-client', ['gw-client'], 'client');
  // asks for a client certificate but also serves without one, and says what it saw
  upstream = createServer({ ...leaf, ca: ca.cert, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate();
    const seen: Seen = { servername: (socket as TLSSocket & { servername: string | false }).servername, client: socket.authorized ? String(peer.subject.CN) : null };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const port = (upstream.address() as AddressInfo).port;
  h2Capable = createSecureServer({ ...leaf, allowHTTP1: true }, (req, res) => res.end(JSON.stringify({ httpVersion: req.httpVersion })));
  await new Promise<void>((resolve) => h2Capable.listen(0, '127.0.0.1', resolve));
  const svc = (id: string, over: Partial<SnapshotService>) => service(id, { protocol: 'https', host: '127.0.0.1', port, ...over });
  const services = [
    svc('verify-ca', { caCertificateId: 'ca' }),
    svc('untrusted', {}),
    svc('wrong-ca', { caCertificateId: 'other-ca' }),
    svc('noverify', { tlsVerify: false }),
    svc('sni', { caCertificateId: 'ca', tlsServerName: 'up.test' }),
    svc('wrong-name', { caCertificateId: 'ca', tlsServerName: 'other.test' }),
    svc('mtls', { caCertificateId: 'ca', clientCertificateId: 'client' }),
    svc('h2-capable', { caCertificateId: 'ca', port: (h2Capable.address() as AddressInfo).port }),
  ];
  const dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 1, {
    services,
    routes: services.map((s) => route(`r-${s.id}`, s.id, [`/${s.id}`])),
    upstreams: [],
    certificates: [
      { id: 'ca', snis: [], cert: ca.cert },
      { id: 'other-ca', snis: [], cert: otherCa.cert },
      { id: 'client', snis: [], ...client },
    ],
  });
  gw = await startGateway({
    proxyPort: 0,
    proxyHost: '127.0.0.1',
    statusPort: null,
    controlPlaneUrl: `http://127.0.0.1:${await closedPort()}`,
    clusterToken: 't',
    dataDir,
    logger: silentLogger,
  });
});

afterAll(async () => {
  await gw?.stop();
  upstream?.closeAllConnections();
  await new Promise((r) => upstream?.close(r));
  await new Promise((r) => h2Capable?.close(r));
  ca?.dispose();
  otherCa?.dispose();
});

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const res = await request(`http://127.0.0.1:${gw.proxyPort}${path}`);
  return { status: res.statusCode, body: await res.body.json() };
}

describe('upstream TLS', () => {
  it('verifies the upstream certificate against the service CA', async () => {
    expect(await get('/verify-ca')).toEqual({ status: 200, body: { servername: false, client: null } });
  });

  it.each(['/untrusted', '/wrong-ca', '/wrong-name'])('refuses an unverifiable upstream (%s) with a coded 502', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ error: { code: 'AYA_GW_UPSTREAM_UNAVAILABLE' } });
  });

  it('skips verification with tlsVerify: false', async () => {
    expect((await get('/noverify')).status).toBe(200);
  });

  it('sends tlsServerName as SNI and checks the certificate against it', async () => {
    expect(await get('/sni')).toEqual({ status: 200, body: { servername: 'up.test', client: null } });
  });

  it('speaks HTTP/1.1 to an https:// upstream that also offers h2 (undici 8 would negotiate h2 by default)', async () => {
    expect(await get('/h2-capable')).toEqual({ status: 200, body: { httpVersion: '1.1' } });
  });

  it('presents the client certificate (mTLS)', async () => {
    expect(await get('/mtls')).toEqual({ status: 200, body: { servername: false, client: 'gw-client' } });
  });
});
