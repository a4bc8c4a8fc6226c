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

/** Parsed once per connection (keep-alive and HTTP/2 bring many requests on one): null when it sent none. */
const byConnection = new WeakMap<object, PeerChain | null>();

/** The connection a request came on: the TLS socket (HTTP/1.1) or the HTTP/2 session (its streams' sockets are per-stream proxies). */
function connectionOf(req: IncomingMessage): object {
  const session = (req as { stream?: { session?: object } }).stream?.session;
  return session ?? req.socket;
}

/**
 * The client certificate of the request's connection, with the chain it sent; undefined on plain HTTP or
 * when the client sent none. For HTTP/2, node's compat request exposes the session's TLS socket.
 */
export function peerChain(req: IncomingMessage): PeerChain | undefined {
  const connection = connectionOf(req);
  const known = byConnection.get(connection);
  if (known !== undefined) return known ?? undefined;
  const chain = readPeerChain(req.socket);
  byConnection.set(connection, chain ?? null);
  return chain;
}

function readPeerChain(socket: unknown): PeerChain | undefined {
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
