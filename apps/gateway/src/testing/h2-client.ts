import { connect, type ClientHttp2Session, type IncomingHttpHeaders, type OutgoingHttpHeaders, type SecureClientSessionOptions } from 'node:http2';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';

/** Test-only clients for the HTTPS / h2 / h2c listeners. */

export interface H2Response {
  headers: IncomingHttpHeaders;
  trailers: IncomingHttpHeaders;
  body: Buffer;
  /** each DATA chunk as it arrived (streaming assertions) */
  chunks: Buffer[];
}

export function h2Session(url: string, options: SecureClientSessionOptions = {}): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = connect(url, options);
    session.once('error', reject);
    session.once('connect', () => {
      session.off('error', reject);
      session.on('error', () => {});
      resolve(session);
    });
  });
}

export function h2Request(session: ClientHttp2Session, headers: OutgoingHttpHeaders, body?: Buffer): Promise<H2Response> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers, { endStream: body === undefined });
    const out: H2Response = { headers: {}, trailers: {}, body: Buffer.alloc(0), chunks: [] };
    stream.on('response', (h) => (out.headers = h));
    stream.on('trailers', (t) => (out.trailers = t));
    stream.on('data', (c: Buffer) => out.chunks.push(c));
    stream.on('end', () => resolve({ ...out, body: Buffer.concat(out.chunks) }));
    stream.on('error', reject);
    if (body !== undefined) stream.end(body);
  });
}

export interface HttpsResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  alpn: string | false | null;
  peer: PeerCertificate;
}

/** HTTP/1.1 over TLS to 127.0.0.1 with an explicit SNI (node sends none for IP addresses). */
export function httpsGet(port: number, servername: string, path: string, ca: string): Promise<HttpsResponse> {
  return new Promise((resolve, reject) => {
    // an explicit ALPN offer, so the test sees which protocol the server picked
    const options: RequestOptions & { ALPNProtocols: string[] } = { host: '127.0.0.1', port, path, servername, ca, headers: { host: servername }, agent: false, ALPNProtocols: ['http/1.1'] };
    const req = httpsRequest(options, (res) => {
      const socket = res.socket as TLSSocket;
      const peer = socket.getPeerCertificate();
      const alpn = socket.alpnProtocol;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, alpn, peer }));
    });
    req.on('error', reject);
    req.end();
  });
}
