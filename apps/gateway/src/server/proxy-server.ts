import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody } from '../proxy/errors';
import { GwErrorCode } from '@aya/config-schema';

export interface ProxyServerOptions {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * The proxy listener. Keep-alive outlives common L4/L7 idle timeouts (60 s) so the balancer in
 * front closes first; headers must arrive within 60 s and a whole request within 5 minutes.
 */
export function createProxyServer(options: ProxyServerOptions): Server {
  const server = createServer(
    {
      keepAliveTimeout: 65_000,
      headersTimeout: 60_000,
      requestTimeout: 300_000,
      // X-Request-Id and friends travel as set by clients; keep node's defaults for header sizes
      requireHostHeader: false,
    },
    options.handler,
  );
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const body = errorBody(GwErrorCode.BAD_REQUEST, 'none');
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}
