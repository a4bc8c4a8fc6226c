import { X509Certificate } from 'node:crypto';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonOf, startAuthBed, type AuthBed } from '../../testing/auth-bed';
import { consumer, plugin } from '../../testing/plugin-fixtures';
import { createTestCa, hasOpenssl, type Pem, type TestCa } from '../../testing/certs';
import { route } from '../../testing/fixtures';
import { h2Request, h2Session } from '../../testing/h2-client';

interface Reply {
  status: number;
  json: { headers?: Record<string, string>; error?: { code: string; details?: { reason?: string } } };
  session: Buffer | undefined;
  reused: boolean;
}

let serverCa: TestCa;
let clientCa: TestCa;
let rogueCa: TestCa;
let alice: Pem;
let spoofedAlice: Pem;
let pinned: Pem;
let bed: AuthBed;

/** HTTP/1.1 over TLS with an optional client certificate (and TLS session to resume). */
function get(path: string, client?: Pem, session?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const options: RequestOptions & Pick<ConnectionOptions, 'session'> = { host: '127.0.0.1', port: bed.gw.tlsPort, path, servername: 'api.test', ca: serverCa.cert, headers: { host: 'api.test' }, agent: false, ...client, session };
    const req = httpsRequest(options, (res) => {
      const socket = res.socket as TLSSocket;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(body) as Reply['json'], session: socket.getSession(), reused: socket.isSessionReused() }));
    });
    req.on('error', reject);
    req.end();
  });
}

const reason = (r: Reply) => reasonOf({ status: r.status, headers: {}, json: r.json });

beforeAll(async () => {
  if (!hasOpenssl()) throw new Error('these tests need the openssl CLI');
  serverCa = createTestCa('Server CA');
  clientCa = createTestCa('Client CA');
  rogueCa = createTestCa('Rogue CA');
  const server = serverCa.issue('api.test', ['api.test']);
  alice = clientCa.issue('alice', ['alice.test'], 'client');
  spoofedAlice = rogueCa.issue('alice', ['alice.test'], 'client');
  pinned = rogueCa.issue('robot', ['robot.test'], 'client');
  const pinnedPrint = new X509Certificate(pinned.cert).fingerprint256.replace(/:/g, '').toLowerCase();
  bed = await startAuthBed(
    {
      routes: [route('r-mtls', 'svc', ['/mtls']), route('r-pinned', 'svc', ['/pinned']), route('r-open', 'svc', ['/open'])],
      certificates: [
        { id: 'srv', snis: ['api.test'], ...server },
        // a CA certificate: no SNIs, no key; mtls-auth names it by id
        { id: 'client-ca', snis: [], cert: clientCa.cert },
      ],
      plugins: [plugin('p-mtls', 'mtls-auth', { caCertificates: ['client-ca'] }, { routeId: 'r-mtls' }), plugin('p-pinned', 'mtls-auth', {}, { routeId: 'r-pinned' })],
      consumers: [consumer('c-alice', 'alice', { groups: ['staff'] }), consumer('c-robot', 'robot')],
      credentials: [
        { type: 'mtls', id: 'm-alice', tenant: 'default', consumerId: 'c-alice', subject: 'alice', fingerprint: null },
        { type: 'mtls', id: 'm-robot', tenant: 'default', consumerId: 'c-robot', subject: null, fingerprint: pinnedPrint },
      ],
    },
    { tlsPort: 0 },
  );
});

afterAll(async () => {
  await bed?.close();
  for (const ca of [serverCa, clientCa, rogueCa]) ca?.dispose();
});

describe('mtls-auth on the HTTPS listener', () => {
  it('a client certificate of the trusted CA names the consumer by subject CN', async () => {
    const r = await get('/mtls/x', alice);
    expect(r.status).toBe(200);
    expect(r.json.headers?.['x-consumer-username']).toBe('alice');
    expect(r.json.headers?.['x-credential-identifier']).toBe('m-alice');
  });

  it('the same CN from another CA is refused (chain checked against caCertificates)', async () => {
    const r = await get('/mtls', spoofedAlice);
    expect([r.status, r.json.error?.code, reason(r)]).toEqual([401, 'AYA_GW_UNAUTHORIZED', 'certificate-untrusted']);
  });

  it('without a certificate: the handshake still succeeds, /mtls is 401 missing, other routes are unaffected', async () => {
    const r = await get('/mtls');
    expect([r.status, reason(r)]).toEqual([401, 'credentials-missing']);
    expect((await get('/open')).status).toBe(200);
  });

  it('without caCertificates only a fingerprint match counts: a pinned certificate yes, a bare CN no', async () => {
    const robot = await get('/pinned', pinned);
    expect(robot.status).toBe(200);
    expect(robot.json.headers?.['x-consumer-username']).toBe('robot');
    const cnOnly = await get('/pinned', alice);
    expect([cnOnly.status, reason(cnOnly)]).toEqual([401, 'credentials-unknown']);
  });

  it('a resumed TLS session keeps its client certificate', async () => {
    const first = await get('/mtls', alice);
    expect(first.session).toBeDefined();
    const again = await get('/mtls', alice, first.session);
    expect(again.status).toBe(200);
    expect(again.json.headers?.['x-consumer-username']).toBe('alice');
  });

  it('works over HTTP/2 too, for every stream of the connection', async () => {
    const session = await h2Session(`https://127.0.0.1:${bed.gw.tlsPort}`, { servername: 'api.test', ca: serverCa.cert, ...alice });
    try {
      // several streams of one connection: the certificate is read once per connection
      for (let i = 0; i < 3; i++) {
        const res = await h2Request(session, { ':path': '/mtls', ':authority': 'api.test' });
        expect(res.headers[':status']).toBe(200);
        expect((JSON.parse(res.body.toString('utf8')) as Reply['json']).headers?.['x-consumer-username']).toBe('alice');
      }
      expect((await h2Request(session, { ':path': '/open', ':authority': 'api.test' })).headers[':status']).toBe(200);
    } finally {
      session.close();
    }
  });

  it('plain HTTP has no certificate: 401 missing', async () => {
    const r = await bed.get('/mtls');
    expect([r.status, reasonOf(r)]).toEqual([401, 'credentials-missing']);
  });
});
