import { createServer, type Server } from 'node:http';
import type { BoundListeners } from '@aya/config-schema';
import type { Metrics } from '../metrics';

export interface StatusInfo {
  revision: number;
  hash: string;
  startedAt: string;
  nodeId: string;
  /** cluster mode: one entry per live worker process */
  workers?: { pid: number; revision: number; hash: string; requests: number }[];
  /** the proxy listeners actually bound (absent until one is): what `aya start` advertises */
  listeners?: BoundListeners;
}

/** A gateway's bound listeners from its ports (-1: that listener is off or failed to bind). */
export function listenersOf(ports: { proxyPort: number; tlsPort: number; h2cPort: number }): BoundListeners {
  return { http: ports.proxyPort, https: ports.tlsPort >= 0 ? ports.tlsPort : null, h2c: ports.h2cPort >= 0 ? ports.h2cPort : null };
}

/** `/ready`: serving, or why not (no config applied yet; draining after SIGTERM). */
export type Readiness = 'ready' | 'no-config' | 'draining';

export interface StatusServerOptions {
  status(): StatusInfo;
  readiness(): Readiness;
  metrics: Metrics;
  startedAtMs: number;
}

/**
 * Status port: `/status` (applied revision + hash), `/ready` (200 only while this node should get
 * traffic: a load balancer's or Kubernetes' readiness probe) and `/metrics` (Prometheus text).
 */
export function createStatusServer(options: StatusServerOptions): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' }).end('{"error":"method not allowed"}');
      return;
    }
    if (path === '/status') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(options.status()));
      return;
    }
    if (path === '/ready') {
      const readiness = options.readiness();
      res.writeHead(readiness === 'ready' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: readiness }));
      return;
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(options.metrics.prometheus({ startedAtMs: options.startedAtMs }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
}
