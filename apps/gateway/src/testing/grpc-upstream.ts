import { createSecureServer, createServer, type Http2SecureServer, type Http2Server, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { Pem } from './certs';

/**
 * Test-only gRPC-shaped upstream (no protobuf: messages are raw bytes in gRPC's length-prefixed
 * framing). Methods: Unary (echoes the message upper-cased), Stream (three messages),
 * Fail (trailers-only NOT_FOUND), Hang (never answers).
 */

export function grpcFrame(payload: string): Buffer {
  const body = Buffer.from(payload);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

export function grpcMessages(data: Buffer): string[] {
  const out: string[] = [];
  for (let i = 0; i + 5 <= data.length; ) {
    const len = data.readUInt32BE(i + 1);
    out.push(data.subarray(i + 5, i + 5 + len).toString());
    i += 5 + len;
  }
  return out;
}

function serve(stream: ServerHttp2Stream, headers: Record<string, string | string[] | undefined>): void {
  const path = String(headers[':path']);
  if (headers.te !== 'trailers') {
    stream.respond({ ':status': 400 }, { endStream: true });
    return;
  }
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => {
    const [message = ''] = grpcMessages(Buffer.concat(chunks));
    const ok = { ':status': 200, 'content-type': 'application/grpc' };
    if (path.endsWith('/Hang')) return;
    if (path.endsWith('/Fail')) {
      stream.respond({ ...ok, 'grpc-status': '5', 'grpc-message': 'no such thing' }, { endStream: true });
      return;
    }
    stream.respond(ok, { waitForTrailers: true });
    stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0', 'grpc-message': 'done', 'x-upstream-trailer': 'yes' }));
    if (path.endsWith('/Unary')) {
      stream.end(grpcFrame(message.toUpperCase()));
      return;
    }
    for (let i = 1; i <= 3; i++) stream.write(grpcFrame(`${message}-${i}`));
    stream.end();
  });
}

export interface GrpcUpstream {
  port: number;
  close(): Promise<void>;
}

/** h2c when `tls` is absent, otherwise TLS with ALPN h2. */
export async function startGrpcUpstream(tls?: Pem): Promise<GrpcUpstream> {
  const server: Http2Server | Http2SecureServer = tls ? createSecureServer({ ...tls, ALPNProtocols: ['h2'] }) : createServer();
  server.on('stream', serve);
  server.on('session', (s) => s.on('error', () => {}));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sessions = new Set<{ destroy(): void }>();
  server.on('session', (s) => sessions.add(s));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.destroy();
        server.close(() => resolve());
      }),
  };
}
