import { connect, createServer, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestCa } from '../testing/certs';
import { plugin } from '../testing/plugin-fixtures';
import { requestClientCertificatesWhen, wantsClientCertificates } from './client-certificates';

const ca = createTestCa('Listener CA');
const serverPem = ca.issue('api.test', ['api.test']);
const clientPem = ca.issue('client', ['client.test'], 'client');
afterAll(() => ca.dispose());

describe('client certificate request of the HTTPS listener', () => {
  it('is wanted only while an enabled mtls-auth plugin is in the config', () => {
    expect(wantsClientCertificates({})).toBe(false);
    expect(wantsClientCertificates({ plugins: [plugin('p', 'key-auth')] })).toBe(false);
    expect(wantsClientCertificates({ plugins: [{ ...plugin('p', 'mtls-auth'), enabled: false }] })).toBe(false);
    expect(wantsClientCertificates({ plugins: [plugin('p', 'key-auth'), plugin('q', 'mtls-auth')] })).toBe(true);
  });

  it('follows the flag per new connection, and never refuses a handshake for the certificate', async () => {
    let wanted = false;
    const seen: boolean[] = [];
    const server = createServer({ ...serverPem }, (socket: TLSSocket) => {
      seen.push(Object.keys(socket.getPeerCertificate()).length > 0);
      socket.end('ok');
    });
    requestClientCertificatesWhen(server, () => wanted);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    // a client certificate no CA of the server knows: accepted at the TLS layer (the plugin decides)
    const stranger = createTestCa('Unknown CA');
    const hello = (cert?: { cert: string; key: string }) =>
      new Promise<string>((resolve, reject) => {
        const s = connect({ port, host: '127.0.0.1', servername: 'api.test', ca: ca.cert, ...cert }, () => s.on('data', (d: Buffer) => resolve(d.toString())));
        s.on('error', reject);
        s.on('close', () => reject(new Error('closed before any data')));
      });
    try {
      expect(await hello(clientPem)).toBe('ok');
      wanted = true;
      expect(await hello(clientPem)).toBe('ok');
      expect(await hello(stranger.issue('x', ['x.test'], 'client'))).toBe('ok');
      expect(await hello()).toBe('ok');
      expect(seen).toEqual([false, true, true, false]);
    } finally {
      stranger.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
