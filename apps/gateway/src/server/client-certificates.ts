import type { Server as TlsServer } from 'node:tls';
import type { Snapshot } from '@aya/config-schema';

/** The HTTPS listener asks clients for a certificate only while some enabled plugin of the config is mtls-auth. */
export function wantsClientCertificates(snapshot: Pick<Snapshot, 'plugins'>): boolean {
  return (snapshot.plugins ?? []).some((p) => p.enabled && p.name === 'mtls-auth');
}

/**
 * node's tls.Server reads `requestCert` for each new connection (tlsConnectionListener), so a getter makes
 * the certificate request follow the applied config without restarting the listener. Verification is off at
 * the TLS layer (`rejectUnauthorized: false`): a client without a certificate, or with one no CA of the
 * listener knows, still completes the handshake, and routes without mtls-auth are unaffected; the mtls-auth
 * plugin checks the certificate of the requests it guards.
 */
export function requestClientCertificatesWhen(server: TlsServer, wanted: () => boolean): void {
  Object.defineProperty(server, 'requestCert', { get: wanted, configurable: true, enumerable: true });
  Object.defineProperty(server, 'rejectUnauthorized', { value: false, writable: true, configurable: true, enumerable: true });
}
