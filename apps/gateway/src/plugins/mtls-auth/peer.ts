import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type { IncomingMessage } from 'node:http';

export interface PeerChain {
  readonly leaf: X509Certificate;
  /** what else the client sent (intermediates), leaf excluded */
  readonly intermediates: X509Certificate[];
}

function isTls(socket: unknown): socket is TLSSocket {
  return typeof (socket as { getPeerCertificate?: unknown } | null)?.getPeerCertificate === 'function';
}

/**
 * The client certificate of the request's connection, with the chain it sent; undefined on plain HTTP or
 * when the client sent none. For HTTP/2, node's compat request exposes the session's TLS socket.
 */
export function peerChain(req: IncomingMessage): PeerChain | undefined {
  const socket: unknown = req.socket;
  if (!isTls(socket)) return undefined;
  // an empty object when the client sent no certificate
  const peer = socket.getPeerCertificate(true) as Partial<DetailedPeerCertificate> & Pick<DetailedPeerCertificate, 'issuerCertificate'>;
  if (peer.raw === undefined) return undefined;
  const leaf = new X509Certificate(peer.raw);
  const intermediates: X509Certificate[] = [];
  const seen = new Set<object>([peer]);
  for (let c = peer.issuerCertificate; c !== undefined && !seen.has(c) && intermediates.length < 8; c = c.issuerCertificate) {
    seen.add(c);
    intermediates.push(new X509Certificate(c.raw));
  }
  return { leaf, intermediates };
}
